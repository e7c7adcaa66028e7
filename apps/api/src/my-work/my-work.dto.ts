import { ApiProperty } from '@nestjs/swagger';
import type { MyWork, MyWorkSection, MyWorkSectionKey, TicketSummary } from '@bdc/contracts';
import { TicketSummaryDto } from '../tickets/ticket-views.dto';

export class MyWorkSectionDto implements MyWorkSection {
  @ApiProperty({ description: 'How many tickets are in the section' })
  count: number;

  @ApiProperty({ type: [TicketSummaryDto], description: 'The first few of them' })
  items: TicketSummary[];
}

export class MyWorkSectionsDto implements Record<MyWorkSectionKey, MyWorkSection> {
  @ApiProperty({ type: MyWorkSectionDto, description: 'Pending tickets the caller may approve (never their own)' })
  toApprove: MyWorkSection;

  @ApiProperty({ type: MyWorkSectionDto, description: 'Approved, in progress or deployed, assigned to the caller' })
  assignedToMe: MyWorkSection;

  @ApiProperty({ type: MyWorkSectionDto, description: "Unclaimed tickets in the queues of the caller's roles" })
  roleQueues: MyWorkSection;

  @ApiProperty({ type: MyWorkSectionDto, description: "The caller's requests that are not completed or cancelled" })
  myRequests: MyWorkSection;

  @ApiProperty({ type: MyWorkSectionDto, description: 'Open tickets scheduled for today (the configured time zone)' })
  scheduledToday: MyWorkSection;

  @ApiProperty({ type: MyWorkSectionDto, description: 'Open tickets whose scheduled date has passed (not deployed)' })
  overdue: MyWorkSection;
}

export class MyWorkDto implements MyWork {
  @ApiProperty({ type: MyWorkSectionsDto })
  sections: Record<MyWorkSectionKey, MyWorkSection>;

  @ApiProperty({ description: 'Open requests of the caller that someone else changed since the last visit' })
  changedSinceLastVisit: number;

  @ApiProperty({ type: [Number], description: 'Which of sections.myRequests.items changed since the last visit' })
  changedTicketIds: number[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastVisitAt: string | null;
}
