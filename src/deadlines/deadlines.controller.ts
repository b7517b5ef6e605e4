import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntField, TextField } from '../common/fields.js';
import { parseDeadline } from './parse-deadline.js';
import { Access } from '../access/access.decorators.js';
import { ApiErrors } from '../common/api-errors.js';
import { ScheduleDto } from './dto/schedule.dto.js';

export class ParseDeadlineDto {
  @TextField({ allowEmpty: true, max: 2000, example: 'Báo cáo định kỳ 6 tháng, năm' })
  text: string;

  @IntField({ min: 2000, max: 2100, example: 2023 })
  year: number;
}

/** The live preview behind the deadline field of the task form. */
@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlinesController {
  @Post('parse')
  @ApiOperation({ summary: 'Đọc thời hạn viết bằng lời thành các ngày đến hạn (xem trước khi nhập)' })
  @ApiOkResponse({ type: ScheduleDto })
  @ApiErrors(400, 413)
  @Access('deadlines.parse')
  @HttpCode(200)
  parse(@Body() dto: ParseDeadlineDto) {
    return parseDeadline(dto.text, dto.year);
  }
}
