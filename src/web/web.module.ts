import { Module } from '@nestjs/common';

/**
 * The web app has no Nest routes: its files are served by webApp()
 * (web-app.ts), mounted in app.ts before Nest's router.
 */
@Module({})
export class WebModule {}
