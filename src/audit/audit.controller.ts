import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { AuditService } from './audit.service.js';
import { AuditQuery } from './dto/audit.dto.js';
import { ApiErrors } from '../common/api-errors.js';
import { AuditEntryDto } from './dto/audit-entry.dto.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Who changed what, when, before → after; for the chairman (their unit) and the administrator. */
  @Get()
  @ApiOperation({ summary: 'Nhật ký thao tác: ai đổi gì, khi nào, trước → sau (mới nhất trước)' })
  @ApiOkResponse({ type: [AuditEntryDto] })
  @ApiErrors(400)
  @Access('audit.read')
  list(@CurrentActor() actor: UserActor, @Query() q: AuditQuery) {
    return this.audit.list(actor, q);
  }
}
