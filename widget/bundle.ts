/**
 * Entry of dist/erp-sync.bundle.js: the whole package in ONE self-contained ES module (lit,
 * @lit/task and zod/mini inlined) for hosts without a bundler:
 *
 *   <script type="module" src="/erp-sync.bundle.js"></script>
 *   <erp-sync-data></erp-sync-data>
 *   <script type="module">document.querySelector('erp-sync-data').token = '<admin JWT>';</script>
 *
 * Loading it defines both elements; its exports are those of the package entry.
 */
export * from './index.ts';
