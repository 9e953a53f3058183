export { pullRecordStream, pullSource, type FetchFn, type PullOptions } from './pull.ts';
export { ypareoMapping, itemToRecord, compileMapping, type CompiledMapping } from './ypareo.ts';
