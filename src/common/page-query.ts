import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IntField } from './fields.js';

/** The most rows one page of any paged list holds. */
export const PAGE_MAX = 100;

/**
 * offset and limit of every paged list (a plan's tasks, an official's tasks,
 * the rollup, units, officials, accounts): one declaration, one wording of
 * their errors. A query extends it with its own filters.
 */
export class PageQuery {
  @IntField({ optional: true, min: 0, max: 100_000, fromQuery: true, description: 'Bỏ qua bấy nhiêu dòng đầu của danh sách đã lọc và sắp xếp (mặc định 0)' })
  offset?: number;

  @IntField({ optional: true, min: 1, max: PAGE_MAX, fromQuery: true, description: `Số dòng tối đa của trang, 1–${PAGE_MAX} (mặc định ${PAGE_MAX})` })
  limit?: number;
}

/** A yes/no in the query string: true/1 and false/0, anything else left for the validator to refuse. */
export const queryBool = () =>
  Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value));

/** What every page answers besides its rows. */
export class PageMetaDto {
  @ApiProperty({ example: 312, description: 'Số dòng khớp bộ lọc và ô tìm kiếm (mọi trang)' })
  total: number;

  @ApiProperty({ example: 0, description: 'Vị trí dòng đầu của trang trong danh sách đã lọc' })
  offset: number;

  @ApiProperty({ example: 100, description: 'Số dòng tối đa của trang' })
  limit: number;
}
