/**
 * The log lines' safety net: what may carry personal data or secrets in a free-text message
 * (an error's message from a library, a parse error quoting the body) is masked. Names cannot be
 * recognised in free text, which is why the lines themselves only log ids and counts; this
 * catches what those rules cannot: text written by others.
 */
const RULES: readonly [RegExp, string][] = [
  // V8's JSON.parse errors quote the text around the error: a push body's names and emails.
  // (`Unexpected token 'o', "nomApprenan"... is not valid JSON`).
  [/, ".*"(?:\.\.\.)? is not valid JSON/g, ', "…" is not valid JSON'],
  // The pull source quotes the ERP's answer in its errors ("Réponse : …", "reçu : …"): records.
  [/((?:Réponse|reçu|JSON \([^)\n]*\)) : ).*/g, '$1[…]'],
  // JSON Web Tokens (admin tokens), wherever they appear.
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[jwt]'],
  // Authorization header values.
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  // Secrets in URLs (a pull source's API key in its query string).
  [/([?&](?:api[_-]?key|apikey|key|token|access_token|secret|password|pass|auth)=)[^&\s"'#)]+/gi, '$1[redacted]'],
  // E-mail addresses.
  [/[^\s@"'<>(),;:[\]]+@[^\s@"'<>(),;:[\]]+\.[^\s@"'<>(),;:[\].]{2,}/g, '[email]'],
];

export function scrub(text: string): string {
  let out = text;
  for (const [re, by] of RULES) out = out.replace(re, by);
  return out;
}
