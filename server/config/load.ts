/** Reads and validates the config file; every error names the file and the bad key. */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { config as configSchema, type Config } from './schema.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(json: unknown, origin = 'config'): Config {
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid config ${origin}:\n${lines.join('\n')}`);
  }
  const ids = new Set<string>();
  const tokens = new Set<string>();
  parsed.data.organizations.forEach((o, i) => {
    if (ids.has(o.id)) throw new ConfigError(`Invalid config ${origin}:\n  - organizations.${i}.id: duplicate id "${o.id}"`);
    if (tokens.has(o.erpToken))
      throw new ConfigError(`Invalid config ${origin}:\n  - organizations.${i}.erpToken: shared with another organisation`);
    ids.add(o.id);
    tokens.add(o.erpToken);
  });
  return parsed.data;
}

/** Loads a config file; relative paths inside it are relative to the file. */
export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Config ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const cfg = parseConfig(json, file);
  const base = dirname(resolve(file));
  const abs = (p: string) => (isAbsolute(p) || p === ':memory:' || /^postgres(ql)?:\/\//i.test(p) ? p : resolve(base, p));
  return {
    ...cfg,
    database: abs(cfg.database),
    staticDir: cfg.staticDir ? abs(cfg.staticDir) : undefined,
    organizations: cfg.organizations.map((o) =>
      o.source.kind === 'csv' ? { ...o, source: { ...o.source, path: abs(o.source.path) } } : o,
    ),
  };
}
