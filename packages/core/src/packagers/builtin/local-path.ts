// LocalPath lives with the data items, so the run layer's tagged JSON can rebuild it.
export { LocalPath } from '../../data/local-path';
