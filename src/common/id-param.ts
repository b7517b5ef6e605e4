import { BadRequestException, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

class ParseId implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: unknown): number {
    if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) {
      throw new BadRequestException({
        message: `${this.name}: mã trong đường dẫn phải là số nguyên dương`,
        errors: [{ field: this.name, message: `${this.name}: mã trong đường dẫn phải là số nguyên dương` }],
      });
    }
    return Number(value);
  }
}

/** A positive integer id from the path; anything else is a 400 naming the parameter. Documented as such in OpenAPI. */
export const IdParam = (name = 'id'): ParameterDecorator => (target, key, index) => {
  Param(name, new ParseId(name))(target, key, index);
  if (key !== undefined) {
    ApiParam({ name, schema: { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, description: 'Mã (số nguyên dương)' })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  }
};
