import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { DemoService } from './demo.service.js';

/** The Hoằng Tiến 2023 plan, loaded into an empty database through the same code as the API. */
@Module({ imports: [AccountsModule, OrganizationModule, ProgressModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
