import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CchcPointsDto } from '../../progress/dto/progress-response.dto.js';
import { NarrativeDto } from './report.dto.js';
import { LOCAL_DATE } from '../../common/record.dto.js';
import { REPORT_CUTOFFS, type ReportCutoff } from '../../organization/entities/unit.entity.js';
import { PERIOD_CODES, TASK_LINE_STATUSES, type PeriodCode, type TaskLineStatus } from '../report-data.js';

export class ReportUnitDto {
  @ApiProperty({ example: 2 })
  id: number;

  @ApiProperty({ example: 'UBND xã Hoằng Tiến' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'UBND huyện Hoằng Hóa' })
  parentName: string | null;

  @ApiProperty({ description: 'Địa danh ghi ở đầu văn bản', example: 'Hoằng Tiến' })
  place: string;
}

export class ReportPlanDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: '01/KH-UBND' })
  number: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ example: 2023 })
  year: number;

  @ApiProperty({ type: String, nullable: true })
  decision: string | null;

  @ApiProperty({ ...LOCAL_DATE, nullable: true })
  issuedOn: string | null;
}

/** A report period with the dates the unit's convention gives it. */
export class ReportPeriodDto {
  @ApiProperty({ enum: PERIOD_CODES, description: 'Q1–Q4: quý; H1: 6 tháng; M9: 9 tháng; YEAR: năm' })
  code: PeriodCode;

  @ApiProperty({ example: 2023 })
  year: number;

  @ApiProperty({ example: 'Quý I' })
  label: string;

  @ApiProperty({ description: 'Cách gọi kỳ trong tiêu đề báo cáo', example: 'quý I năm 2023' })
  titleText: string;

  @ApiProperty({ enum: REPORT_CUTOFFS })
  convention: ReportCutoff;

  @ApiProperty({ ...LOCAL_DATE, description: 'Số liệu từ ngày' })
  windowStart: string;

  @ApiProperty({ ...LOCAL_DATE, description: 'Số liệu đến ngày' })
  windowEnd: string;

  @ApiProperty({ ...LOCAL_DATE, description: 'Ngày chốt số liệu' })
  cutoff: string;

  @ApiProperty({ ...LOCAL_DATE, description: 'Kỳ sau: từ ngày' })
  nextWindowStart: string;

  @ApiProperty({ ...LOCAL_DATE, description: 'Kỳ sau: đến ngày' })
  nextWindowEnd: string;
}

export class ReportFiguresDto {
  @ApiProperty() planned: number;
  @ApiProperty() completed: number;
  @ApiProperty() completedOnTime: number;
  @ApiProperty() completedLate: number;
  @ApiProperty() notCompleted: number;
  @ApiProperty({ description: 'Chưa hoàn thành, còn trong hạn' }) notCompletedWithinDeadline: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ example: '12/34' }) ratio: string;
  @ApiProperty({ example: '35,29%' }) percent: string;
  @ApiProperty({ example: 'đã hoàn thành 12/34 nhiệm vụ, đạt 35,29% kế hoạch' }) summary: string;
}

export class ReportPhuLucFiguresDto extends ReportFiguresDto {
  @ApiProperty({ minimum: 1, maximum: 7 }) phuLuc: number;
  @ApiProperty() title: string;
}

export class ReportTotalFiguresDto extends ReportFiguresDto {
  @ApiProperty({ type: [ReportPhuLucFiguresDto] })
  phuLucs: ReportPhuLucFiguresDto[];
}

export class OccurrencesDto {
  @ApiProperty({ example: 1 }) done: number;
  @ApiProperty({ example: 4 }) total: number;
}

export class ReportFileDto {
  @ApiProperty({ description: 'Mã tệp (GET /api/tasks/{taskId}/evidence/{id})' }) id: number;
  @ApiProperty({ example: 'Biên bản kiểm tra.pdf' }) name: string;
  @ApiProperty({ description: 'Số byte' }) size: number;
  @ApiProperty({ ...LOCAL_DATE, nullable: true, description: 'Hạn mà tệp chứng minh; null: cả nhiệm vụ' }) dueOn: string | null;
}

/** A task as a report lists it. */
export class ReportTaskLineDto {
  @ApiProperty() taskId: number;
  @ApiProperty() phuLuc: number;
  @ApiProperty() ordinal: number;
  @ApiProperty() content: string;
  @ApiProperty({ type: [String] }) products: string[];
  @ApiProperty() leadText: string;
  @ApiProperty({ type: String, nullable: true }) assigneeName: string | null;
  @ApiProperty() deadlineText: string;
  @ApiProperty({ type: [String], format: 'date' }) dueDates: string[];
  @ApiProperty({ ...LOCAL_DATE, nullable: true, description: 'Hạn được tính cho kỳ này' }) dueOn: string | null;
  @ApiProperty({ ...LOCAL_DATE, nullable: true }) completedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) evidence: string | null;
  @ApiProperty({ enum: TASK_LINE_STATUSES }) status: TaskLineStatus;
  @ApiPropertyOptional({ type: () => OccurrencesDto, description: 'Nhiệm vụ nhiều hạn: số lần đã hoàn thành đến ngày chốt, trên tổng số lần' })
  occurrences?: OccurrencesDto;

  @ApiPropertyOptional({ type: () => [ReportFileDto], description: 'Tài liệu kiểm chứng đã đính kèm' })
  files?: ReportFileDto[];
}


export class ReportListsDto {
  @ApiProperty({ type: [ReportTaskLineDto] }) completedInPeriod: ReportTaskLineDto[];
  @ApiProperty({ type: [ReportTaskLineDto] }) notCompleted: ReportTaskLineDto[];
  @ApiProperty({ type: [ReportTaskLineDto] }) overdue: ReportTaskLineDto[];
  @ApiProperty({ type: [ReportTaskLineDto] }) dueNextPeriod: ReportTaskLineDto[];
}

/** A row of Phụ lục 01b: computed from the plan, or entered by hand. */
export class AnnexRowDto {
  @ApiProperty({ example: '1.1' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ anyOf: [{ type: 'string', nullable: true }, { type: 'number', nullable: true }], description: 'null: chưa có số liệu' })
  value: string | number | null;

  @ApiProperty({ type: String, nullable: true, example: 'văn bản' }) unit: string | null;
  @ApiProperty({ enum: ['computed', 'entered'] }) source: 'computed' | 'entered';
}

export class ReportSignerDto {
  @ApiProperty({ example: 'CHỦ TỊCH' }) title: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

/** What a report says: one model rendered to the page, DOCX, XLSX and HTML. */
export class ReportDataDto {
  @ApiProperty({ type: ReportUnitDto }) unit: ReportUnitDto;
  @ApiProperty({ type: ReportPlanDto }) plan: ReportPlanDto;
  @ApiProperty({ type: ReportPeriodDto }) period: ReportPeriodDto;
  @ApiProperty({ description: 'Phiên bản; 0 khi chỉ xem trước' }) version: number;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty() generatedBy: string;
  @ApiProperty({ type: ReportTotalFiguresDto }) figures: ReportTotalFiguresDto;
  @ApiProperty({ type: ReportListsDto }) lists: ReportListsDto;
  @ApiProperty({ type: [ReportTaskLineDto], description: 'Mọi nhiệm vụ của kế hoạch, theo Phụ lục rồi TT' }) tasks: ReportTaskLineDto[];
  @ApiProperty({ type: [AnnexRowDto], description: 'Phụ lục 01b' }) annex01b: AnnexRowDto[];
  @ApiPropertyOptional({ type: () => NarrativeDto, description: 'Các phần lời văn đã viết (chỉ có phần đã viết)' }) narrative?: NarrativeDto;
  @ApiPropertyOptional({ type: () => CchcPointsDto, description: 'Điểm tiêu chí kế hoạch CCHC (báo cáo lập trước khi có tiêu chí này thì không có)' }) cchc?: CchcPointsDto;
  @ApiProperty({ type: ReportSignerDto }) signer: ReportSignerDto;
}

/** A stored version of a report, without its content. */
class ReportHeaderDto {
  @ApiProperty({ example: 3 }) id: number;
  @ApiProperty({ example: 1 }) planId: number;
  @ApiProperty({ example: 2 }) unitId: number;
  @ApiProperty({ enum: PERIOD_CODES }) period: PeriodCode;
  @ApiProperty({ example: 2023 }) year: number;
  @ApiProperty({ description: 'Phiên bản của báo cáo kỳ này', example: 1 }) version: number;
  @ApiProperty({ ...LOCAL_DATE, description: 'Ngày chốt số liệu' }) cutoff: string;
  @ApiProperty({ enum: ['auto', 'manual'], description: 'auto: hệ thống tự lập (bản chính thức ngay); manual: người lập (bản nháp đến khi chốt)' })
  trigger: 'auto' | 'manual';

  @ApiProperty({ type: String, nullable: true, description: 'Khóa của báo cáo tự động' }) autoKey: string | null;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ example: 'Lê Văn Chủ' }) generatedBy: string;
  @ApiProperty({ enum: ['draft', 'final'], description: 'draft: bản nháp, sửa được; final: bản chính thức, không đổi nữa' }) status: 'draft' | 'final';
  @ApiProperty({ example: 'quý II năm 2023', description: 'Kỳ báo cáo bằng chữ' }) periodText: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Thời điểm chốt thành bản chính thức' }) finalAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Người chốt' }) finalizedBy: string | null;
  @ApiProperty({ example: 1, description: 'Lần sửa của bản nháp; gửi lại khi sửa hay chốt, sai lệch trả 409' }) revision: number;
}

export class ReportVersionDto extends ReportHeaderDto {
  @ApiProperty({ example: '12/34' }) ratio: string;
  @ApiProperty({ example: '35,29%' }) percent: string;
  @ApiProperty({ example: 'đã hoàn thành 12/34 nhiệm vụ, đạt 35,29% kế hoạch' }) summary: string;
}

export class StoredReportDto extends ReportHeaderDto {
  @ApiProperty({ type: ReportDataDto })
  data: ReportDataDto;
}

export class RollupRowDto {
  @ApiProperty() unitId: number;
  @ApiProperty({ example: 'UBND xã Hoằng Tiến' }) name: string;
  @ApiProperty() planned: number;
  @ApiProperty() completed: number;
  @ApiProperty({ example: '12/34' }) ratio: string;
  @ApiProperty({ example: '35,29%' }) percent: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Kế hoạch đã ban hành của năm (mở xem được); null nếu chưa có' }) planId: number | null;
}

export class RollupTotalDto {
  @ApiProperty() planned: number;
  @ApiProperty() completed: number;
  @ApiProperty() ratio: string;
  @ApiProperty() percent: string;
  @ApiProperty() summary: string;
}

/** The superior level's view: each unit beneath, by percentage, and the total. */
export class RollupDto {
  @ApiProperty() unitId: number;
  @ApiProperty({ ...LOCAL_DATE, description: 'Tính đến ngày' }) asOf: string;
  @ApiProperty({ example: 2023 }) year: number;
  @ApiProperty({ type: [RollupRowDto], description: 'Các đơn vị của trang (mọi đơn vị khớp nếu không có offset, limit), theo thứ tự đã chọn' }) units: RollupRowDto[];
  @ApiProperty({ type: RollupTotalDto, description: 'Tổng cộng trên mọi đơn vị trực thuộc, không chỉ trang này và không theo ô tìm kiếm' }) total: RollupTotalDto;
  @ApiProperty({ example: 312, description: 'Số đơn vị trực thuộc' }) unitCount: number;
  @ApiProperty({ example: 312, description: 'Số đơn vị khớp ô tìm kiếm (bằng unitCount nếu không tìm)' }) matched: number;
  @ApiProperty({ example: 0, description: 'Vị trí đơn vị đầu của trang trong danh sách đã lọc' }) offset: number;
  @ApiProperty({ example: 100, description: 'Số đơn vị tối đa của trang (bằng matched nếu không phân trang)' }) limit: number;
  @ApiProperty({ type: [Number], example: [2023, 2024], description: 'Các năm có kế hoạch đã ban hành của đơn vị trực thuộc, tăng dần' }) years: number[];
}
