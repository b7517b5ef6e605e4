import { BoolField, IdField, IntField } from '../../common/fields.js';
import { Transform } from 'class-transformer';

export class ListNotificationsQuery {
  @IdField({ optional: true, fromQuery: true, description: 'Cán bộ nhận; mặc định là chính mình. Chủ tịch, Phó Chủ tịch xem được của cán bộ trong đơn vị' })
  officialId?: number;

  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @BoolField({ optional: true, description: 'Chỉ thông báo chưa đọc' })
  unread?: boolean;

  @IntField({ optional: true, min: 1, max: 500, fromQuery: true, description: 'Số thông báo tối đa (mặc định 100)' })
  limit?: number;

  @IdField({ optional: true, fromQuery: true, description: 'Trang sau: các thông báo có mã nhỏ hơn mã này (mã của thông báo cuối trang trước)' })
  beforeId?: number;
}
