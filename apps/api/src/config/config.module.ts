import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config';

/**
 * Global: every module injects `AppConfig`. The instance is built before Nest starts (so a bad
 * environment fails with a readable message instead of a DI error) and handed in through forRoot.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
