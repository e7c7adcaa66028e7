import { Module } from '@nestjs/common';

// Placeholder: filled in by the tickets feature work.
@Module({})
export class TicketsModule {}
