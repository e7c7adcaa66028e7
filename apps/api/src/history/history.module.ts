import { Module } from '@nestjs/common';

// Placeholder: filled in by the history feature work.
@Module({})
export class HistoryModule {}
