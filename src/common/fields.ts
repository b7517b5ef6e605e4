import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsNumber, IsString, Max, MaxLength, Min,
  ValidateIf, ValidateNested, registerDecorator, ValidationArguments,
} from 'class-validator';
import { isLocalDate } from './local-date.js';

/**
 * Field decorators for request bodies: each one validates, documents the field
 * in OpenAPI, and words its error in Vietnamese naming the field, so every DTO
 * answers bad input the same way.
 */
type Opt = { optional?: boolean; nullable?: boolean; description?: string; example?: unknown };

const m = {
  required: (a: ValidationArguments) => `${a.property}: bắt buộc phải có`,
  string: (a: ValidationArguments) => `${a.property}: phải là chuỗi ký tự`,
  notEmpty: (a: ValidationArguments) => `${a.property}: không được để trống`,
  maxLength: (a: ValidationArguments) => `${a.property}: dài quá ${a.constraints[0]} ký tự`,
  int: (a: ValidationArguments) => `${a.property}: phải là số nguyên`,
  min: (a: ValidationArguments) => `${a.property}: phải lớn hơn hoặc bằng ${a.constraints[0]}`,
  max: (a: ValidationArguments) => `${a.property}: phải nhỏ hơn hoặc bằng ${a.constraints[0]}`,
  oneOf: (a: ValidationArguments) => `${a.property}: phải là một trong ${(a.constraints[0] as unknown[]).join(', ')}`,
  email: (a: ValidationArguments) => `${a.property}: địa chỉ e-mail không hợp lệ`,
  bool: (a: ValidationArguments) => `${a.property}: phải là true hoặc false`,
  array: (a: ValidationArguments) => `${a.property}: phải là một danh sách`,
  arraySize: (a: ValidationArguments) => `${a.property}: tối đa ${a.constraints[0]} phần tử`,
  date: (a: ValidationArguments) => `${a.property}: phải là ngày có thật, dạng YYYY-MM-DD`,
  object: (a: ValidationArguments) => `${a.property}: phải là một đối tượng`,
};

/** A one-line custom rule with a Vietnamese message, for what class-validator words or counts differently. */
function rule(name: string, validate: (v: unknown, a: ValidationArguments) => boolean, message: (a: ValidationArguments) => string, constraints: unknown[] = [], each = false) {
  return (target: object, propertyName: string | symbol): void =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      constraints,
      options: { message, each },
      validator: { validate },
    });
}

/** Optional means "leave it as it is": null is not a way to say that. */
const NotNull = () => rule('notNull', (v) => v !== null, (a) => `${a.property}: không được là null; bỏ trường này nếu không đổi`);

/** Required means present: undefined and null are refused, 0 and false are values. */
const Required = () => rule('isDefined', (v) => v !== undefined && v !== null, m.required);

function presence(o: Opt, doc: Record<string, unknown>) {
  const docDecorator = o.optional
    ? ApiPropertyOptional({ ...doc, nullable: o.nullable, description: o.description, example: o.example })
    : ApiProperty({ ...doc, nullable: o.nullable, description: o.description, example: o.example });
  if (o.optional && o.nullable) return [docDecorator, ValidateIf((_, v) => v !== undefined && v !== null)];
  // IsOptional() would also let null through, and null is not "leave it as it is"
  if (o.optional) return [docDecorator, ValidateIf((_, v) => v !== undefined), NotNull()];
  if (o.nullable) return [docDecorator, ValidateIf((_, v) => v !== null)];
  return [docDecorator, Required()];
}

/**
 * Length in characters as PostgreSQL counts them (code points); class-validator's
 * MaxLength skips variation selectors, which let a too-long value through.
 */
const MaxChars = (max: number, each = false) =>
  rule('maxChars', (v) => typeof v !== 'string' || [...v].length <= max, m.maxLength, [max], each);

/** Text with no NUL byte, which PostgreSQL cannot store. */
const NoNul = (each = false) =>
  rule('noNul', (v) => typeof v !== 'string' || !v.includes('\u0000'), (a) => `${a.property}: chứa ký tự không hợp lệ`, [], each);

const NotBlank = () => rule('notBlank', (v) => typeof v !== 'string' || v.trim().length > 0, m.notEmpty);

export function TextField(o: Opt & { max?: number; allowEmpty?: boolean } = {}) {
  const max = o.max ?? 2000;
  return applyDecorators(
    ...presence(o, { type: String, maxLength: max }),
    IsString({ message: m.string }),
    ...(o.allowEmpty ? [] : [NotBlank()]),
    MaxChars(max),
    NoNul(),
  );
}

/** fromQuery: the value arrives as text in the query string and is read as a number. */
export function IntField(o: Opt & { min?: number; max?: number; fromQuery?: boolean } = {}) {
  return applyDecorators(
    ...presence(o, { type: Number, minimum: o.min, maximum: o.max }),
    ...(o.fromQuery ? [Type(() => Number)] : []),
    IsInt({ message: m.int }),
    ...(o.min !== undefined ? [Min(o.min, { message: m.min })] : []),
    ...(o.max !== undefined ? [Max(o.max, { message: m.max })] : []),
  );
}

/** A finite number (decimals allowed), within [min, max]. */
export function NumberField(o: Opt & { min?: number; max?: number } = {}) {
  return applyDecorators(
    ...presence(o, { type: Number, minimum: o.min, maximum: o.max }),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: (a: ValidationArguments) => `${a.property}: phải là số` }),
    ...(o.min !== undefined ? [Min(o.min, { message: m.min })] : []),
    ...(o.max !== undefined ? [Max(o.max, { message: m.max })] : []),
  );
}

export function IdField(o: Opt & { fromQuery?: boolean } = {}) {
  return IntField({ ...o, min: 1, max: 2_147_483_647 });
}

export function EnumField(values: readonly string[], o: Opt = {}) {
  return applyDecorators(...presence(o, { enum: values }), IsIn(values as string[], { message: m.oneOf }));
}

export function EmailField(o: Opt = {}) {
  return applyDecorators(
    ...presence(o, { type: String, format: 'email' }),
    IsEmail({}, { message: m.email }),
    MaxLength(255, { message: m.maxLength }),
  );
}

export function BoolField(o: Opt = {}) {
  return applyDecorators(...presence(o, { type: Boolean }), IsBoolean({ message: m.bool }));
}

/** A local calendar date, 'YYYY-MM-DD', that exists (no 30/02). */
export function LocalDateField(o: Opt = {}) {
  return applyDecorators(
    ...presence(o, { type: String, format: 'date', example: o.example ?? '2023-06-30' }),
    rule('isLocalDate', (v) => isLocalDate(v), m.date),
  );
}

export function StringArrayField(o: Opt & { maxItems?: number; maxLength?: number } = {}) {
  return applyDecorators(
    ...presence(o, { type: [String] }),
    IsArray({ message: m.array }),
    ArrayMaxSize(o.maxItems ?? 50, { message: m.arraySize }),
    IsString({ each: true, message: (a: ValidationArguments) => `${a.property}: mỗi phần tử phải là chuỗi ký tự` }),
    MaxChars(o.maxLength ?? 1000, true),
    NoNul(true),
  );
}

export function IdArrayField(o: Opt & { maxItems?: number } = {}) {
  return applyDecorators(
    ...presence(o, { type: [Number] }),
    IsArray({ message: m.array }),
    ArrayMaxSize(o.maxItems ?? 50, { message: m.arraySize }),
    IsInt({ each: true, message: (a: ValidationArguments) => `${a.property}: mỗi phần tử phải là mã số nguyên` }),
    Min(1, { each: true, message: (a: ValidationArguments) => `${a.property}: mã phải lớn hơn 0` }),
  );
}

export function NestedArrayField(cls: () => new () => object, o: Opt & { maxItems?: number } = {}) {
  return applyDecorators(
    ...presence(o, { type: () => [cls()] }),
    IsArray({ message: m.array }),
    ArrayMaxSize(o.maxItems ?? 200, { message: m.arraySize }),
    ValidateNested({ each: true, message: m.object }),
    Type(cls),
  );
}

/** 'HH:MM', 00:00–23:59. */
export function TimeOfDayField(o: Opt = {}) {
  return applyDecorators(
    ...presence(o, { type: String, example: '07:30' }),
    rule('isTimeOfDay', (v) => typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v), (a) => `${a.property}: phải là giờ dạng HH:MM`),
  );
}

export function IntArrayField(o: Opt & { min: number; max: number; maxItems: number }) {
  return applyDecorators(
    ...presence(o, { type: [Number] }),
    IsArray({ message: m.array }),
    ArrayMaxSize(o.maxItems, { message: m.arraySize }),
    IsInt({ each: true, message: (a: ValidationArguments) => `${a.property}: mỗi phần tử phải là số nguyên` }),
    Min(o.min, { each: true, message: m.min }),
    Max(o.max, { each: true, message: m.max }),
  );
}
