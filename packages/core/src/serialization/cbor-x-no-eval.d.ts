// cbor-x's build without `new Function` (record readers are never compiled from data). Node
// resolves it through the package's `exports`; this tells TypeScript its API is cbor-x's own.
declare module 'cbor-x/index-no-eval' {
  export { Encoder, Decoder, Tag, addExtension } from 'cbor-x';
}
