import { DataType, DateUnit, Precision, TimeUnit, Type, type Field } from 'apache-arrow';

const UNITS: Readonly<Record<number, string>> = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'us',
  [TimeUnit.NANOSECOND]: 'ns',
};

const FLOATS: Readonly<Record<number, string>> = {
  [Precision.HALF]: 'float16',
  [Precision.SINGLE]: 'float32',
  [Precision.DOUBLE]: 'float64',
};

/** The short name of a time unit: `s`, `ms`, `us` or `ns`. */
export function timeUnitName(unit: TimeUnit): string {
  return UNITS[unit] ?? String(unit);
}

function child(field: Field<DataType> | undefined): string {
  return field === undefined ? '?' : `${field.name}: ${arrowTypeName(field.type)}`;
}

/**
 * The name a dataset schema records for an Arrow type, as pyarrow prints it (`int64`,
 * `timestamp[ns, tz=Europe/Paris]`, `list<item: int32>`, `decimal128(12, 3)`), except that
 * floating point types are `float16`/`float32`/`float64` like the rest of Stowage.
 */
export function arrowTypeName(type: DataType): string {
  if (DataType.isNull(type)) return 'null';
  if (DataType.isInt(type)) return `${type.isSigned ? 'int' : 'uint'}${type.bitWidth}`;
  if (DataType.isFloat(type)) return FLOATS[type.precision] ?? 'float';
  if (DataType.isBool(type)) return 'bool';
  if (DataType.isUtf8(type)) return 'string';
  if (DataType.isLargeUtf8(type)) return 'large_string';
  if (DataType.isBinary(type)) return 'binary';
  if (DataType.isLargeBinary(type)) return 'large_binary';
  if (DataType.isFixedSizeBinary(type)) return `fixed_size_binary[${type.byteWidth}]`;
  if (DataType.isDate(type)) return type.unit === DateUnit.DAY ? 'date32[day]' : 'date64[ms]';
  if (DataType.isTimestamp(type)) {
    const tz = type.timezone ? `, tz=${type.timezone}` : '';
    return `timestamp[${timeUnitName(type.unit)}${tz}]`;
  }
  if (DataType.isTime(type)) return `time${type.bitWidth}[${timeUnitName(type.unit)}]`;
  if (DataType.isDuration(type)) return `duration[${timeUnitName(type.unit)}]`;
  if (DataType.isDecimal(type)) return `decimal${type.bitWidth}(${type.precision}, ${type.scale})`;
  if (DataType.isDictionary(type)) {
    const values = arrowTypeName(type.dictionary as DataType);
    return `dictionary<values=${values}, indices=${arrowTypeName(type.indices)}, ordered=${type.isOrdered ? 1 : 0}>`;
  }
  if (DataType.isList(type)) return `list<${child(type.children[0])}>`;
  if (DataType.isFixedSizeList(type))
    return `fixed_size_list<${child(type.children[0])}>[${type.listSize}]`;
  if (DataType.isStruct(type)) return `struct<${type.children.map(child).join(', ')}>`;
  if (DataType.isMap(type))
    return `map<${type.children[0]?.type.children.map(child).join(', ') ?? ''}>`;
  return (Type[type.typeId] ?? 'unknown').toLowerCase();
}
