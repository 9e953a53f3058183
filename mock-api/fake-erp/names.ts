/**
 * Realistic French data for the fake ERP: people, employers, programmes, campuses.
 * Accents, apostrophes, hyphens and particles are deliberate: they are what breaks
 * naive search, sorting, slugs and CSV encodings in the field.
 * RNCP codes look like real ones (BTS MCO is RNCP38362); they are not an authority.
 */

export const firstNames: readonly string[] = [
  'Hélène',
  'Françoise',
  'Zoé',
  'Noël',
  'Loïc',
  'Gaëlle',
  'Benoît',
  'Cécile',
  'Jérôme',
  'Anaïs',
  'Maëlys',
  'Thaïs',
  'Élodie',
  'Léa',
  'Chloé',
  'Inès',
  'Jade',
  'Louise',
  'Emma',
  'Manon',
  'Camille',
  'Clément',
  'Théo',
  'Hugo',
  'Lucas',
  'Nathan',
  'Mathéo',
  'Raphaël',
  'Gaël',
  'Joël',
  'Maël',
  'Océane',
  'Émilie',
  'Amélie',
  'Anaëlle',
  'Noémie',
  'Aurélien',
  'Sébastien',
  'Stéphane',
  'Frédéric',
  'Valérie',
  'Mélanie',
  'Séverine',
  'Agnès',
  'Hervé',
  'René',
  'André',
  'Éric',
  'Yanis',
  'Rayan',
  'Mohamed',
  'Fatoumata',
  'Aïcha',
  'Moussa',
  'Kévin',
  'Ludovic',
  'Solène',
  'Léna',
  'Timothée',
  'Bérénice',
  'Côme',
  'Jérémy',
  'Ethan',
  'Adèle',
  'Maïwenn',
  'Nolan',
  'Enzo',
  'Sarah',
  'Yasmine',
  'Ilyès',
  'Axel',
  'Quentin',
  'Pauline',
  'Marie-Ève',
  'Jean-Baptiste',
  'Anne-Sophie',
  'Lina',
  'Tom',
  'Jules',
  'Gabriel',
  'Sacha',
  'Mathilde',
  'Lou',
  'Capucine',
  'Nour',
  'Ibrahima',
];

export const lastNames: readonly string[] = [
  'Dupont',
  'Lefèvre',
  'Bénard',
  'Guérin',
  'Côté',
  'Müller',
  "N'Diaye",
  'Da Silva',
  'Le Gall',
  'Ménard',
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Blanc',
  'Faure',
  'Rousseau',
  'Boyer',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Perrin',
  'Mathieu',
  'Clément',
  'Nicolas',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Brun',
  'Blanchard',
  'Giraud',
  'Joly',
  'Rivière',
  'Brunet',
  'Gaillard',
  'Barbier',
  'Arnaud',
  'Gérard',
  'Roche',
  'Renard',
  'Schmitt',
  'Leroux',
  'Colin',
  'Vidal',
  'Caron',
  'Picard',
  'Fabre',
  'Aubert',
  'Lemoine',
  'Renaud',
  'Dumas',
  'Lacroix',
  'Bourgeois',
  'Rey',
  'Leclerc',
  'Payet',
  'Hoarau',
  'Nguyen',
  'Tran',
  'Benali',
  'Haddad',
  'Traoré',
  'Diallo',
  'Ouédraogo',
  'Lefebvre',
  'Pelletier',
  'Besson',
  'Chauvin',
  'Hébert',
  'Béranger',
  "D'Almeida",
  'De La Fontaine',
  'Saint-Martin',
  'Le Goff',
  'Kerouac',
  'Œuvray',
];

export const learnerMailDomains: readonly string[] = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'outlook.fr',
  'hotmail.fr',
  'yahoo.fr',
  'laposte.net',
  'icloud.com',
  'free.fr',
  'orange.fr',
  'sfr.fr',
];

/** The CFA's own staff domain (school tutors). */
export const cfaMailDomain = 'cfa-auvergne-rhone-alpes.fr';

export interface Site {
  code: string;
  nom: string;
  /** Neighbourhoods used to name chain establishments near the campus. */
  areas: readonly string[];
}

export const sites: readonly Site[] = [
  {
    code: 'LYO',
    nom: 'Lyon',
    areas: ['Lyon Part-Dieu', 'Lyon Confluence', 'Lyon Vaise', 'Lyon Croix-Rousse', 'Lyon Gerland', 'Écully', 'Bron'],
  },
  {
    code: 'VIL',
    nom: 'Villeurbanne',
    areas: ['Villeurbanne Gratte-Ciel', 'Villeurbanne Charpennes', 'Villeurbanne Cusset', 'Vaulx-en-Velin', 'Caluire-et-Cuire'],
  },
  {
    code: 'STE',
    nom: 'Saint-Étienne',
    areas: ['Saint-Étienne Centre-Deux', 'Saint-Étienne Monthieu', 'Saint-Chamond', 'Firminy', 'Roanne'],
  },
  {
    code: 'GRE',
    nom: 'Grenoble',
    areas: ['Grenoble Grand’Place', 'Grenoble Caserne de Bonne', 'Échirolles', "Saint-Martin-d'Hères", 'Meylan'],
  },
];

export type Family = 'commerce' | 'it' | 'gestion' | 'bouche' | 'coiffure';

export interface Formation {
  /** Short code used in group codes. */
  short: string;
  code: string;
  nom: string;
  rncp: string;
  /** Duration in school years (1 or 2). */
  years: 1 | 2;
  family: Family;
  /** Sites that teach it. */
  sites: readonly string[];
  /** Relative share of learners. */
  weight: number;
}

export const formations: readonly Formation[] = [
  {
    short: 'MCO',
    code: 'BTS-MCO',
    nom: 'BTS MCO - Management Commercial Opérationnel',
    rncp: 'RNCP38362',
    years: 2,
    family: 'commerce',
    sites: ['LYO', 'VIL', 'STE', 'GRE'],
    weight: 18,
  },
  {
    short: 'NDRC',
    code: 'BTS-NDRC',
    nom: 'BTS NDRC - Négociation et Digitalisation de la Relation Client',
    rncp: 'RNCP38368',
    years: 2,
    family: 'commerce',
    sites: ['LYO', 'VIL', 'GRE'],
    weight: 14,
  },
  {
    short: 'SIO',
    code: 'BTS-SIO',
    nom: 'BTS SIO - Services Informatiques aux Organisations',
    rncp: 'RNCP35340',
    years: 2,
    family: 'it',
    sites: ['LYO', 'VIL', 'GRE'],
    weight: 10,
  },
  {
    short: 'GPME',
    code: 'BTS-GPME',
    nom: 'BTS GPME - Gestion de la PME',
    rncp: 'RNCP38363',
    years: 2,
    family: 'gestion',
    sites: ['LYO', 'VIL', 'STE'],
    weight: 9,
  },
  {
    short: 'CG',
    code: 'BTS-CG',
    nom: 'BTS CG - Comptabilité et Gestion',
    rncp: 'RNCP38329',
    years: 2,
    family: 'gestion',
    sites: ['LYO', 'GRE'],
    weight: 5,
  },
  {
    short: 'BOUL',
    code: 'CAP-BOUL',
    nom: 'CAP Boulanger',
    rncp: 'RNCP37861',
    years: 2,
    family: 'bouche',
    sites: ['LYO', 'STE', 'GRE'],
    weight: 8,
  },
  { short: 'PAT', code: 'CAP-PAT', nom: 'CAP Pâtissier', rncp: 'RNCP37862', years: 2, family: 'bouche', sites: ['LYO', 'STE'], weight: 7 },
  { short: 'CUIS', code: 'CAP-CUIS', nom: 'CAP Cuisine', rncp: 'RNCP37859', years: 2, family: 'bouche', sites: ['LYO', 'GRE'], weight: 5 },
  {
    short: 'COIF',
    code: 'BP-COIF',
    nom: 'BP Coiffure',
    rncp: 'RNCP37490',
    years: 2,
    family: 'coiffure',
    sites: ['LYO', 'STE', 'GRE'],
    weight: 7,
  },
  {
    short: 'RDC',
    code: 'BACH-RDC',
    nom: 'Bachelor RDC - Responsable du Développement Commercial',
    rncp: 'RNCP37826',
    years: 1,
    family: 'commerce',
    sites: ['LYO', 'VIL'],
    weight: 8,
  },
  {
    short: 'VCC',
    code: 'TP-VCC',
    nom: 'Titre pro Vendeur conseiller commercial',
    rncp: 'RNCP37098',
    years: 1,
    family: 'commerce',
    sites: ['LYO', 'VIL', 'STE', 'GRE'],
    weight: 9,
  },
];

/** Brands (marques) some CFAs use to group programmes; IT has none, to exercise the null case. */
export const marques: Record<Family, { code: string; nom: string } | null> = {
  commerce: { code: 'ECO', nom: 'École du Commerce et de la Vente' },
  it: null,
  gestion: { code: 'GES', nom: 'Institut de Gestion' },
  bouche: { code: 'EMB', nom: 'École des Métiers de Bouche' },
  coiffure: { code: 'EMB', nom: 'École des Métiers de la Beauté' },
};

export const periode = { code: '2025-2026', nom: '2025/2026' } as const;

export const annees = [
  { code: '1A', nom: '1ère année' },
  { code: '2A', nom: '2ème année' },
] as const;

/** National chains: one establishment per area near the campus ("Decathlon Lyon Confluence"). */
export const chains: Record<Family, readonly { nom: string; domain: string }[]> = {
  commerce: [
    { nom: 'Decathlon', domain: 'decathlon.com' },
    { nom: 'Leroy Merlin', domain: 'leroymerlin.fr' },
    { nom: 'Carrefour Market', domain: 'carrefour.com' },
    { nom: 'Fnac', domain: 'fnac.com' },
    { nom: 'Intermarché', domain: 'mousquetaires.com' },
    { nom: 'Crédit Agricole Centre-Est agence', domain: 'ca-centrest.fr' },
    { nom: 'LCL agence', domain: 'lcl.fr' },
    { nom: 'Sephora', domain: 'sephora.fr' },
    { nom: 'Jardiland', domain: 'jardiland.com' },
    { nom: 'Biocoop', domain: 'biocoop.fr' },
  ],
  it: [
    { nom: 'Sopra Steria', domain: 'soprasteria.com' },
    { nom: 'Capgemini', domain: 'capgemini.com' },
    { nom: 'Inetum', domain: 'inetum.com' },
    { nom: 'Hospices Civils de Lyon', domain: 'chu-lyon.fr' },
  ],
  gestion: [
    { nom: 'Fiducial Expertise', domain: 'fiducial.fr' },
    { nom: 'In Extenso', domain: 'inextenso.fr' },
  ],
  bouche: [
    { nom: 'Paul', domain: 'paul.fr' },
    { nom: 'Maison Pralus', domain: 'chocolats-pralus.com' },
  ],
  coiffure: [
    { nom: 'Jean Louis David', domain: 'jeanlouisdavid.com' },
    { nom: 'Franck Provost', domain: 'franckprovost.com' },
    { nom: 'Tchip Coiffure', domain: 'tchip.fr' },
  ],
};

/** Small local employers: "{trade} {Name} {form}" ("Boulangerie Martin SARL"), or a fixed name. */
export const trades: Record<Family, readonly string[]> = {
  commerce: ['Optique', 'Fleurs', 'Librairie', 'Cave', 'Quincaillerie', 'Pharmacie', 'Boutique', 'Primeur'],
  it: ['Informatique', 'Web Agency', 'Réseaux', 'Cybersécurité'],
  gestion: ['Cabinet', 'Transports', 'Menuiserie', 'Plomberie', 'Garage', 'Électricité', 'Immobilier'],
  bouche: ['Boulangerie', 'Pâtisserie', 'Boulangerie-Pâtisserie', 'Restaurant', 'Brasserie', 'Traiteur'],
  coiffure: ['Salon', 'Coiffure', 'Studio', 'Atelier'],
};

export const fixedEmployers: Record<Family, readonly string[]> = {
  commerce: ['Pharmacie des Lilas', 'Cave du Vieux Lyon', 'Au Bon Marché Stéphanois', 'Les Halles Paul Bocuse - Fromagerie Mons'],
  it: ['Mairie de Villeurbanne', 'Alpes Numérique SARL', 'Octet & Cie', 'Infogérance Rhône SAS'],
  gestion: ['Garage du Centre', 'Cabinet Ménard & Associés', 'Transports Guérin SAS', 'SCI Les Terrasses de Fourvière'],
  bouche: ['Au Pain d’Antan', 'Le Fournil de la Croix-Rousse', 'Bouchon Les Lyonnais', 'Brasserie Georges'],
  coiffure: ["Coiff'Hélène", 'Hair du Temps', "L'Atelier Coiffure", 'Salon Côté Cheveux'],
};

export const legalForms: readonly string[] = ['SARL', 'SAS', 'EURL', 'SASU', '', ''];

export const missions: Record<Family, readonly { title: string; details: string }[]> = {
  commerce: [
    { title: 'Conseiller de vente', details: 'Accueil et conseil client ; mise en rayon ; encaissement' },
    { title: 'Assistant manager de rayon', details: 'Gestion des stocks, commandes fournisseurs, animation commerciale' },
    { title: 'Chargé de clientèle', details: 'Prospection, suivi du portefeuille, rendez-vous clients' },
  ],
  it: [
    { title: 'Technicien support', details: 'Support utilisateurs N1/N2 ; déploiement de postes ; inventaire' },
    { title: 'Développeur web', details: 'Développement d’applications internes (PHP, JavaScript), tests, documentation' },
  ],
  gestion: [
    { title: 'Assistant de gestion', details: 'Facturation, relances clients, saisie comptable, suivi RH' },
    { title: 'Assistant comptable', details: 'Saisie, rapprochements bancaires, préparation des déclarations de TVA' },
  ],
  bouche: [
    { title: 'Apprenti boulanger', details: 'Pétrissage, façonnage et cuisson ; viennoiseries ; hygiène HACCP' },
    { title: 'Apprenti pâtissier', details: 'Pâtes de base, crèmes, entremets ; respect des fiches techniques' },
    { title: 'Commis de cuisine', details: 'Mise en place, préparations froides et chaudes, plonge' },
  ],
  coiffure: [
    { title: 'Coiffeur apprenti', details: 'Shampoings, soins, coupes et colorations sous la responsabilité du maître d’apprentissage' },
  ],
};

/** Hostile learner names: the UI must render them as text and the CSV export must neutralise them. */
export const hostileLearners: readonly { nom: string; prenom: string }[] = [
  { nom: 'TEST', prenom: '<img src=x onerror=alert(1)>' },
  { nom: '=HYPERLINK("http://x")', prenom: 'Excel' },
  { nom: "Robert'); DROP TABLE contrats;--", prenom: 'Bobby' },
];

const slugCaches = new Map<string, Map<string, string>>();

/** Lower-case ASCII slug for email local parts and domains ("N'Diaye" -> "ndiaye"). Memoised: names repeat. */
export function slug(s: string, sep = ''): string {
  let cache = slugCaches.get(sep);
  if (!cache) {
    cache = new Map();
    slugCaches.set(sep, cache);
  }
  let out = cache.get(s);
  if (out === undefined) {
    out = s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/œ/gi, 'oe')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .join(sep);
    if (cache.size > 50_000) cache.clear();
    cache.set(s, out);
  }
  return out;
}
