import { HANDLER_ARGS } from '../metadata/metadata-keys';
import { writeMetadata } from '../metadata/metadata-store';
import { normalizeHandlerOptions } from './normalize-handler-options';
import type { HandlerOptions } from './handler-options';
import { memberName } from './handler-records';
import { checkMethodTarget } from './method-target';

/**
 * Marks a method as a handler that `run()` can execute: its `@Input` parameters are unpacked
 * from data items, its `@Param` parameters passed as given, and its return value logged.
 *
 * @example
 * ```ts
 * class Training {
 *   @Handler({ outputs: ['model : model'], labels: { team: 'geo' } })
 *   train(@Input('data') data: Dataset, @Param('epochs') epochs = 10): Model { … }
 * }
 * await run([new Training(), 'train'], { inputs: { data: 'store://data' }, params: { epochs: 3 } });
 * ```
 * @throws HandlerError when an output hint or a label is invalid (LogHintError for a malformed hint).
 */
export function Handler(options: HandlerOptions = {}): MethodDecorator {
  return (prototype, method, descriptor) => {
    checkMethodTarget('@Handler', prototype, method, descriptor);
    const record = normalizeHandlerOptions(options, memberName(prototype, method));
    writeMetadata(HANDLER_ARGS, record, prototype, method);
    writeMetadata(
      HANDLER_ARGS,
      { ...record, owner: prototype, method },
      descriptor.value as object,
    );
  };
}
