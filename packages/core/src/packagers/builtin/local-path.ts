/**
 * Where the builtin packagers import {@link LocalPath} from; the class lives at the ground layer
 * (`src/local-path.ts`) so the object serializer can keep it too. @internal
 */
export { LocalPath } from '../../local-path';
