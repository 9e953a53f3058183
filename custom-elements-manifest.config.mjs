// Read by `cem analyze --litelement --globs "widget/**/*.component.ts"` (demo/scripts/build.mjs).
// - The define modules are analysed too: the tag names live there (customElements.define), so
//   without them the manifest's elements have no `tagName` and editors cannot map tags to classes.
// - So is the elements' base class: the properties both elements inherit are documented there.
// - packagejson: false: the analyzer would otherwise rewrite package.json (reformatting it) to
//   point `customElements` at its outdir.
// - The analyzer (0.11.0) reports destructured parameters of class-field arrow functions
//   (`task: async ([client, code]) => ...`) as module variables: declarations a module does not
//   export are dropped.
export default {
  globs: ['widget/data/erp-sync-data.ts', 'widget/history/erp-sync-history.ts', 'widget/shared/erp-sync-element.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      name: 'erp-sync:drop-unexported-declarations',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          const exported = new Set((mod.exports ?? []).map((e) => e.declaration?.name));
          mod.declarations = (mod.declarations ?? []).filter((d) => exported.has(d.name));
        }
      },
    },
  ],
};
