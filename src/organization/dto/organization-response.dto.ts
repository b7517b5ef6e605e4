import { ApiProperty } from '@nestjs/swagger';
import { VersionedRecordDto } from '../../common/record.dto.js';
import { PageMetaDto } from '../../common/page-query.js';
import { OFFICIAL_ROLES, REMINDER_MODES, type OfficialRole, type ReminderMode } from '../entities/official.entity.js';
import { REPORT_CUTOFFS, type ReportCutoff } from '../entities/unit.entity.js';

/** The thresholds of the CCHC index's plan criterion (organization/cchc-thresholds.ts). */
export class CchcThresholdsAnswerDto {
  @ApiProperty({ example: 90, description: 'Tỷ lệ hoàn thành trên ngưỡng này (%) được điểm tối đa' }) fullAbove: number;
  @ApiProperty({ example: 70, description: 'Tỷ lệ hoàn thành từ ngưỡng này (%) được điểm mức dưới' }) partialFrom: number;
  @ApiProperty({ example: 2, description: 'Điểm tối đa' }) fullPoints: number;
  @ApiProperty({ example: 1, description: 'Điểm mức dưới' }) partialPoints: number;
}

/** Đơn vị, as the API answers it. */
export class UnitDto extends VersionedRecordDto {
  @ApiProperty({ example: 2 })
  id: number;

  @ApiProperty({ example: 'UBND xã Hoằng Tiến' })
  name: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Đơn vị cấp trên' })
  parentId: number | null;

  @ApiProperty({ enum: REPORT_CUTOFFS, description: 'ministry: số liệu tính đến ngày 14; calendar: theo quý dương lịch' })
  reportCutoff: ReportCutoff;

  @ApiProperty({ type: [Number], nullable: true, description: 'Nhắc trước hạn bao nhiêu ngày; null: mặc định 7, 1, 0' })
  reminderOffsets: number[] | null;

  @ApiProperty({ description: 'Giờ gửi nhắc việc, HH:MM giờ Việt Nam', example: '07:30' })
  reminderTime: string;

  @ApiProperty({ description: 'Nhắc quá hạn mỗi bao nhiêu ngày', example: 7 })
  overdueEveryDays: number;

  @ApiProperty({ type: () => CchcThresholdsAnswerDto, nullable: true, description: 'Ngưỡng điểm tiêu chí kế hoạch CCHC cho các đơn vị cấp dưới; null: mặc định' })
  cchcThresholds: CchcThresholdsAnswerDto | null;

  @ApiProperty({ description: 'Ngày hạn nộp báo cáo định kỳ trong tháng khóa số liệu', example: 18 })
  reportDueDay: number;
}

/** Cán bộ, công chức, as the API answers it. */
export class OfficialDto extends VersionedRecordDto {
  @ApiProperty({ example: 3 })
  id: number;

  @ApiProperty({ example: 2 })
  unitId: number;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  fullName: string;

  @ApiProperty({ example: 'Công chức Tư pháp – Hộ tịch' })
  position: string;

  @ApiProperty({ enum: OFFICIAL_ROLES })
  role: OfficialRole;

  @ApiProperty({ type: String, nullable: true, format: 'email' })
  email: string | null;

  @ApiProperty()
  active: boolean;

  @ApiProperty({ enum: REMINDER_MODES, description: 'each: mỗi lần nhắc một thư; digest: một thư tổng hợp mỗi ngày, vào giờ nhắc việc của đơn vị' })
  reminderMode: ReminderMode;

  @ApiProperty({ type: String, nullable: true, description: 'Số điện thoại di động nhận nhắc việc qua Zalo, dạng 84…', example: '84912345678' })
  phone: string | null;

  @ApiProperty({ description: 'Nhận nhắc việc qua e-mail' })
  notifyEmail: boolean;

  @ApiProperty({ description: 'Nhận nhắc việc qua Zalo; không gửi được thì gửi e-mail thay' })
  notifyZalo: boolean;
}

/** A unit in a paged list: with its superior's name and how many units it has beneath. */
export class UnitRowDto extends UnitDto {
  @ApiProperty({ type: String, nullable: true, example: 'UBND huyện Hoằng Hóa', description: 'Tên đơn vị cấp trên; null nếu không có hoặc ngoài phạm vi của tài khoản' })
  parentName: string | null;

  @ApiProperty({ example: 0, description: 'Số đơn vị trực thuộc trực tiếp' })
  childCount: number;
}

/** One page of units (GET /api/units/page). */
export class UnitPageDto extends PageMetaDto {
  @ApiProperty({ type: [UnitRowDto], description: 'Các đơn vị của trang; rỗng khi offset vượt quá total' })
  items: UnitRowDto[];
}

/** One page of officials (GET /api/officials/page), in the order they were added. */
export class OfficialPageDto extends PageMetaDto {
  @ApiProperty({ type: [OfficialDto], description: 'Các cán bộ của trang; rỗng khi offset vượt quá total' })
  items: OfficialDto[];
}
