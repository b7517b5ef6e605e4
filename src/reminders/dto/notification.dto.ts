import { BoolField, IdField, IntField } from '../../common/fields.js';
import { Transform } from 'class-transformer';

export class ListNotificationsQuery {
  @IdField({ optional: true, fromQuery: true, description: 'Cán bộ nhận (cho đến khi có tài khoản)' })
  officialId?: number;

  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @BoolField({ optional: true, description: 'Chỉ thông báo chưa đọc' })
  unread?: boolean;

  @IntField({ optional: true, min: 1, max: 500, fromQuery: true })
  limit?: number;
}
