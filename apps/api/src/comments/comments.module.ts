import { Module } from '@nestjs/common';

// Placeholder: filled in by the comments feature work.
@Module({})
export class CommentsModule {}
