import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TicketDetail } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from './parse-id.pipe';
import { TicketDetailDto } from './ticket-views.dto';
import { ActionCommentDto, AssignDto, DeployDto, NotesDto, RejectDto, ResubmitDto, RollbackDto } from './tickets.dto';
import { WorkflowService } from './workflow.service';

/**
 * One route per workflow action. The route checks the permission where the transition table needs
 * one whatever the relation; the workflow service checks the rest (owner, assignee, creator).
 * Every action answers 409 INVALID_TRANSITION from the wrong status and returns the updated ticket.
 */
@ApiTags('ticket workflow')
@Controller('tickets/:id')
export class TicketWorkflowController {
  constructor(private readonly workflow: WorkflowService) {}

  @Post('submit')
  @HttpCode(200)
  @RequirePermission('ticket.edit_own', 'ticket.manage')
  @ApiOperation({ summary: 'draft → pending (owner, or ticket.manage); every item must be valid (422)' })
  @ApiOkResponse({ type: TicketDetailDto })
  submit(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: ActionCommentDto): Promise<TicketDetail> {
    return this.workflow.submit(auth, id, body.comment);
  }

  @Post('approve')
  @HttpCode(200)
  @RequirePermission('ticket.approve')
  @ApiOperation({ summary: 'pending → approved; never by the creator (403 SELF_APPROVAL_FORBIDDEN); items revalidated, stock reserved' })
  @ApiOkResponse({ type: TicketDetailDto })
  approve(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: ActionCommentDto): Promise<TicketDetail> {
    return this.workflow.approve(auth, id, body.comment);
  }

  @Post('reject')
  @HttpCode(200)
  @RequirePermission('ticket.reject')
  @ApiOperation({ summary: 'pending → rejected, with a required reason; never by the creator (403 SELF_APPROVAL_FORBIDDEN: they cancel instead)' })
  @ApiOkResponse({ type: TicketDetailDto })
  reject(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: RejectDto): Promise<TicketDetail> {
    return this.workflow.reject(auth, id, body.reason);
  }

  @Post('resubmit')
  @HttpCode(200)
  @RequirePermission('ticket.edit_own', 'ticket.manage')
  @ApiOperation({ summary: 'rejected → pending (owner); may carry modified fields and items' })
  @ApiOkResponse({ type: TicketDetailDto })
  resubmit(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: ResubmitDto): Promise<TicketDetail> {
    return this.workflow.resubmit(auth, id, body);
  }

  @Post('assign')
  @HttpCode(200)
  @RequirePermission('ticket.assign')
  @ApiOperation({ summary: 'Assign or reassign (approved or in progress); the assignee must hold ticket.deploy (422)' })
  @ApiOkResponse({ type: TicketDetailDto })
  assign(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: AssignDto): Promise<TicketDetail> {
    return this.workflow.assign(auth, id, body);
  }

  @Post('claim')
  @HttpCode(200)
  @RequirePermission('ticket.deploy')
  @ApiOperation({ summary: "Take a ticket from your role's queue (approved or in progress): you become the assignee" })
  @ApiOkResponse({ type: TicketDetailDto })
  claim(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: ActionCommentDto): Promise<TicketDetail> {
    return this.workflow.claim(auth, id, body.comment);
  }

  @Post('start')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'approved → in_progress: the assignee, or ticket.manage' })
  @ApiOkResponse({ type: TicketDetailDto })
  start(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: ActionCommentDto): Promise<TicketDetail> {
    return this.workflow.start(auth, id, body.comment);
  }

  @Post('deploy')
  @HttpCode(200)
  @RequirePermission('ticket.deploy', 'ticket.manage')
  @ApiOperation({
    summary:
      'in_progress → deployed: applies every item to the inventory atomically (409 DEPLOY_FAILED changes nothing); removed units go back to stock unless `removals` says failed or retired; `placements` choose slots (409 when taken, 422 when of the wrong kind)',
  })
  @ApiOkResponse({ type: TicketDetailDto })
  deploy(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: DeployDto): Promise<TicketDetail> {
    return this.workflow.deploy(auth, id, body);
  }

  @Post('complete')
  @HttpCode(200)
  @RequirePermission('ticket.complete')
  @ApiOperation({ summary: 'deployed → completed' })
  @ApiOkResponse({ type: TicketDetailDto })
  complete(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: NotesDto): Promise<TicketDetail> {
    return this.workflow.complete(auth, id, body.notes);
  }

  @Post('rollback')
  @HttpCode(200)
  @RequirePermission('ticket.deploy', 'ticket.manage')
  @ApiOperation({ summary: 'deployed → in_progress, with a required reason: reverts exactly what deploy applied (409 CONFLICT changes nothing when the inventory moved since)' })
  @ApiOkResponse({ type: TicketDetailDto })
  rollback(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: RollbackDto): Promise<TicketDetail> {
    return this.workflow.rollback(auth, id, body.reason);
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'draft/pending (owner, ticket.cancel, ticket.manage) or approved/in_progress (ticket.cancel, ticket.manage) → cancelled; reservations released' })
  @ApiOkResponse({ type: TicketDetailDto })
  cancel(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: ActionCommentDto): Promise<TicketDetail> {
    return this.workflow.cancel(auth, id, body.comment);
  }
}
