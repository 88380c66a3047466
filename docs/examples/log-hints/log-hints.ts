// Log hints in their three forms, and what a malformed one looks like.
import { LogHintError, formatLogHint, hint, parseLogHint } from '@stowage/core';
import type { LogHint } from '@stowage/core';
import { PointFileOptions } from '../concepts/point-packager';

export function strings(): LogHint[] {
  // #region strings
  const hints = [
    parseLogHint('model'), // key only: the packager's default artifact type
    parseLogHint('model : file'), // artifact type
    parseLogHint('table : file[format=csv, header=true]'), // packing options, typed
    parseLogHint('note : result[text="a, b: [c]"]'), // quoted values keep spaces, : , [ ]
    parseLogHint('grid : file[shape=[2, 3], fill=null]'), // lists and null
    parseLogHint('*metrics'), // one output per item of a collection
    parseLogHint('2*nested : file[format=yaml]'), // ... at most two levels deep
  ];
  // hints[2].options → { format: 'csv', header: true }
  // hints[5].itemized → true; hints[6].itemized → 2
  // #endregion
  return hints;
}

export function malformed(): LogHintError | undefined {
  // #region malformed
  try {
    parseLogHint('table : file[format=csv');
  } catch (error) {
    if (LogHintError.is(error)) {
      // error.code === 'LOG_HINT_UNCLOSED_BRACKET'; error.details.column === 13
      // error.message:
      //   Invalid log hint "table : file[format=csv" at column 13: this '[' is never closed.
      //       table : file[format=csv
      //                   ^
      //     Grammar: [N]*key [: artifactType [ [option=value, ...] ]]
      //     How to fix: Close it with ']'.
      return error;
    }
    throw error;
  }
  // #endregion
  return undefined;
}

export function objectAndBuilder(): [LogHint, LogHint, string] {
  // #region object
  const fromObject = parseLogHint({
    key: 'model',
    artifactType: 'file',
    options: { format: 'csv' },
    tag: 'v2',
    labels: { team: 'geo' },
    extraData: { trainingSet: '...' }, // '...' links to the run's output "trainingSet"
  });
  // #endregion
  // #region builder
  const built = hint('model')
    .as<PointFileOptions>('file', { format: 'csv' }) // { format: 'xml' } would not compile
    .tag('v2')
    .labels({ team: 'geo' })
    .extraData({ trainingSet: '...' })
    .build();
  // The options class itself also checks option names when the hint is built:
  // hint('model').as('file', PointFileOptions, { fromat: 'csv' }) throws LOG_HINT_UNKNOWN_OPTION.
  // #endregion
  // #region format
  const text = formatLogHint(
    parseLogHint({ key: 'note', artifactType: 'result', options: { text: 'a, b' } }),
  );
  // text === 'note : result[text="a, b"]'
  // #endregion
  return [fromObject, built, text];
}
