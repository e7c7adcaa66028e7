import type { INestApplicationContext } from '@nestjs/common';
import type { CreateTicketRequest, TicketDetail, TicketItemInput } from '@bdc/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { CommentsService } from '../comments/comments.service';
import { ComponentStockEntity } from '../inventory/component-stock.entity';
import { TicketsService } from '../tickets/tickets.service';
import { WorkflowService } from '../tickets/workflow.service';
import { displayNameOf } from '../users/users.dto';
import { UsersService } from '../users/users.service';
import { SERVER } from './demo-data';
import { MODEL } from './demo-catalog';

type DemoActor = 'admin' | 'manager' | 'manager2' | 'tech' | 'tech2' | 'requester';

/** What happens to a demo ticket after creation, in order, and by whom. */
type Step =
  | { do: 'approve' | 'start' | 'submit' | 'cancel'; by: DemoActor; comment?: string }
  | { do: 'reject' | 'rollback'; by: DemoActor; reason: string }
  | { do: 'assign'; by: DemoActor; to: DemoActor; comment?: string }
  | { do: 'deploy' | 'complete'; by: DemoActor; notes?: string }
  | { do: 'comment'; by: DemoActor; text: string; internal?: boolean };

interface DemoTicket {
  by: DemoActor;
  request: Omit<CreateTicketRequest, 'items'> & { items: TicketItemInput[] | (() => Promise<TicketItemInput[]>) };
  then?: Step[];
}

const add = (componentType: TicketItemInput['componentType'], componentUuid: string, quantity = 1): TicketItemInput => ({ action: 'add', componentType, componentUuid, quantity });
const setting = (key: string, from: string | null, to: string): TicketItemInput => ({
  action: 'modify',
  componentType: 'motherboard',
  quantity: 1,
  specifications: { setting: key },
  currentValue: from,
  requestedValue: to,
});
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * Creates demo tickets in every status through the real services, acting as the demo users a real
 * team would (the requester asks, a manager approves and assigns, a technician deploys), so that
 * reservations, installed components and history are exactly what the workflow produces.
 * Expects the demo base data (users, catalog, servers, stock) and no tickets.
 */
export async function seedDemoTickets(app: INestApplicationContext): Promise<void> {
  const users = app.get(UsersService);
  const tickets = app.get(TicketsService);
  const workflow = app.get(WorkflowService);
  const comments = app.get(CommentsService);
  const dataSource = app.get(DataSource);

  const actors = new Map<DemoActor, AuthContext>();
  const actor = async (name: DemoActor): Promise<AuthContext> => {
    const cached = actors.get(name);
    if (cached) return cached;
    const user = await users.findByUsername(name);
    if (!user) throw new Error(`Demo user ${name} is missing: seed the demo base data first`);
    const grants = await users.grantsOf(user.id);
    const auth: AuthContext = { id: user.id, username: user.username, displayName: displayNameOf(user), roles: grants.roles, permissions: grants.permissions, ip: null };
    actors.set(name, auth);
    return auth;
  };
  const installedSerial = async (serverUuid: string, model: string): Promise<string> => {
    const unit = await dataSource.manager.findOne(ComponentStockEntity, { where: { serverUuid, uuid: model, status: 'in_use' }, order: { id: 'ASC' } });
    if (!unit?.serialNumber) throw new Error(`Demo data: no ${model} installed in ${serverUuid}`);
    return unit.serialNumber;
  };

  const run = async (step: Step, ticket: TicketDetail): Promise<TicketDetail> => {
    const auth = await actor(step.by);
    switch (step.do) {
      case 'approve':
      case 'start':
      case 'submit':
      case 'cancel':
        return workflow[step.do](auth, ticket.id, step.comment);
      case 'reject':
      case 'rollback':
        return workflow[step.do](auth, ticket.id, step.reason);
      case 'assign':
        return workflow.assign(auth, ticket.id, { assigneeId: (await actor(step.to)).id, comment: step.comment });
      case 'deploy':
        return workflow.deploy(auth, ticket.id, { notes: step.notes });
      case 'complete':
        return workflow.complete(auth, ticket.id, step.notes);
      case 'comment':
        await comments.add(auth, ticket.id, { comment: step.text, internal: step.internal });
        return ticket;
      default: {
        const unreachable: never = step;
        return unreachable;
      }
    }
  };

  for (const demo of DEMO_TICKETS(installedSerial)) {
    const items = typeof demo.request.items === 'function' ? await demo.request.items() : demo.request.items;
    let ticket = await tickets.create(await actor(demo.by), { ...demo.request, items });
    for (const step of demo.then ?? []) ticket = await run(step, ticket);
  }
}

const approveAndStart = (approver: DemoActor, tech: DemoActor): Step[] => [
  { do: 'approve', by: approver, comment: 'Stock checked, approved' },
  { do: 'assign', by: approver, to: tech },
  { do: 'start', by: tech },
];

function DEMO_TICKETS(installedSerial: (server: string, model: string) => Promise<string>): DemoTicket[] {
  return [
    // ---- draft ------------------------------------------------------------------------------------
    {
      by: 'requester',
      request: { title: 'Bring k8s-node-05 up: CPU and memory', description: 'The new worker has chassis and board only. Draft until the capacity plan is signed off.', ticketType: 'component_addition', priority: 'normal', targetServerUuid: SERVER.k8sNode05, items: [add('cpu', MODEL.cpuEpyc9124), add('ram', MODEL.ramMicron32, 4)], draft: true },
    },
    {
      by: 'requester',
      request: { title: 'Second CPU for ml-infer-01', description: 'More cores for the batch jobs. (The board has one socket: the item is flagged invalid.)', ticketType: 'component_addition', priority: 'low', targetServerUuid: SERVER.mlInfer01, items: [add('cpu', MODEL.cpuEpyc9354)], draft: true },
    },
    // ---- pending ----------------------------------------------------------------------------------
    {
      by: 'requester',
      request: { title: 'Add 4x 32GB RAM to web-prod-01', description: 'Page cache is too small since the catalog import; memory pressure alerts every night.', ticketType: 'component_addition', priority: 'high', targetServerUuid: SERVER.webProd01, items: [add('ram', MODEL.ramSamsung32, 4)], scheduledDate: inDays(3), estimatedDuration: 45 },
      then: [{ do: 'comment', by: 'requester', text: 'Any maintenance window this week works for us.' }],
    },
    {
      by: 'tech2',
      request: { title: 'Expand backup-01 by 2x 18TB', description: 'Retention goes from 30 to 45 days next month.', ticketType: 'component_addition', priority: 'normal', targetServerUuid: SERVER.backup01, items: [add('storage', MODEL.hddExosX18, 2), add('caddy', MODEL.caddySmc35, 2)] },
    },
    {
      by: 'requester',
      request: { title: 'Balanced BIOS profile on db-prod-01', description: 'Power team asks for the balanced profile outside peak season.', ticketType: 'configuration_change', priority: 'low', targetServerUuid: SERVER.dbProd01, items: [setting('bios_profile', 'performance', 'balanced')] },
    },
    // ---- approved ---------------------------------------------------------------------------------
    {
      by: 'requester',
      request: { title: 'Finish k8s-node-05: EPYC 9124 and 128GB', description: 'Capacity plan approved: one EPYC 9124 and four 32GB modules.', ticketType: 'component_addition', priority: 'high', targetServerUuid: SERVER.k8sNode05, items: [add('cpu', MODEL.cpuEpyc9124), add('ram', MODEL.ramMicron32, 4)], scheduledDate: inDays(2), estimatedDuration: 60 },
      then: [{ do: 'approve', by: 'manager', comment: 'Matches the capacity plan' }],
    },
    {
      by: 'tech',
      request: { title: 'Two more NVMe drives for web-prod-01', description: 'Local cache volume for the image service.', ticketType: 'component_addition', priority: 'normal', targetServerUuid: SERVER.webProd01, items: [add('storage', MODEL.ssdPm9a3U2, 2), add('caddy', MODEL.caddyDell25, 2)] },
      then: [
        { do: 'approve', by: 'manager2' },
        { do: 'assign', by: 'manager2', to: 'tech2', comment: 'Tom is on leave, Priya takes it' },
        { do: 'comment', by: 'manager2', text: 'Hot-swap: no downtime needed.', internal: true },
      ],
    },
    // ---- rejected ---------------------------------------------------------------------------------
    {
      by: 'requester',
      request: { title: 'Swap the A2 for an L4 in ml-infer-01', description: 'The model grew past 16GB of GPU memory.', ticketType: 'component_replacement', priority: 'normal', targetServerUuid: SERVER.mlInfer01, items: [{ action: 'replace', componentType: 'pciecard', currentValue: MODEL.gpuNvidiaA2, componentUuid: MODEL.gpuNvidiaL4, quantity: 1 }] },
      then: [{ do: 'reject', by: 'manager', reason: 'The L4 needs a budget approval first; attach the quote and resubmit.' }],
    },
    {
      by: 'requester',
      request: { title: 'Remove the 25G NIC from backup-01', description: 'We think it is unused.', ticketType: 'component_removal', priority: 'low', targetServerUuid: SERVER.backup01, items: [{ action: 'remove', componentType: 'nic', componentUuid: MODEL.nicE810Xxvda2, quantity: 1 }] },
      then: [{ do: 'reject', by: 'manager2', reason: 'That NIC carries the backup traffic: backup-01 would lose its network.' }],
    },
    // ---- in progress ------------------------------------------------------------------------------
    {
      by: 'requester',
      request: { title: 'Second 25G uplink for db-prod-01', description: 'Replication traffic should get its own link.', ticketType: 'component_addition', priority: 'high', targetServerUuid: SERVER.dbProd01, items: [add('nic', MODEL.nicE810Xxvda2)], estimatedDuration: 30 },
      then: [...approveAndStart('manager', 'tech'), { do: 'comment', by: 'tech', text: 'Card is on the bench, cabling next.' }],
    },
    {
      by: 'tech2',
      request: { title: 'Scratch SSDs for ml-infer-01', description: 'Two SATA SSDs for the feature store scratch space.', ticketType: 'component_addition', priority: 'normal', targetServerUuid: SERVER.mlInfer01, items: [add('storage', MODEL.ssdMicron5400, 2), add('caddy', MODEL.caddySmc25, 2)] },
      then: approveAndStart('manager2', 'tech2'),
    },
    // ---- deployed ---------------------------------------------------------------------------------
    {
      by: 'requester',
      request: { title: 'Memory for backup-01 dedup', description: 'Deduplication tables no longer fit in 128GB.', ticketType: 'component_addition', priority: 'normal', targetServerUuid: SERVER.backup01, items: [add('ram', MODEL.ramSamsung32, 2)] },
      then: [...approveAndStart('manager', 'tech'), { do: 'deploy', by: 'tech', notes: 'Installed, memtest passed' }],
    },
    {
      by: 'requester',
      request: { title: 'Disable hyper-threading on web-prod-01', description: 'Licensing counts threads from next quarter.', ticketType: 'configuration_change', priority: 'normal', targetServerUuid: SERVER.webProd01, items: [setting('hyperthreading', 'enabled', 'disabled')] },
      then: [...approveAndStart('manager2', 'tech2'), { do: 'deploy', by: 'tech2', notes: 'Changed in the BIOS, rebooted in the window' }],
    },
    // ---- completed --------------------------------------------------------------------------------
    {
      by: 'requester',
      request: {
        title: 'Replace a failing disk in db-prod-01',
        description: 'SMART warnings on bay 0.',
        ticketType: 'component_replacement',
        priority: 'critical',
        targetServerUuid: SERVER.dbProd01,
        items: async () => [{ action: 'replace', componentType: 'storage', currentValue: await installedSerial(SERVER.dbProd01, MODEL.hddToshibaMg09), componentUuid: MODEL.hddToshibaMg09, quantity: 1 }],
      },
      then: [
        ...approveAndStart('manager', 'tech'),
        { do: 'deploy', by: 'tech', notes: 'Swapped, resilver started' },
        { do: 'complete', by: 'tech', notes: 'Resilver finished, array healthy' },
        { do: 'comment', by: 'manager', text: 'Send the old disk to RMA.', internal: true },
      ],
    },
    {
      by: 'tech',
      request: { title: 'Fill the DIMM slots of ml-infer-01', description: 'Two more 32GB modules for a balanced 8-channel layout.', ticketType: 'component_addition', priority: 'normal', targetServerUuid: SERVER.mlInfer01, items: [add('ram', MODEL.ramMicron32, 2)] },
      then: [...approveAndStart('manager', 'tech'), { do: 'deploy', by: 'tech' }, { do: 'complete', by: 'tech' }],
    },
    {
      by: 'requester',
      request: { title: 'Second 25G NIC for web-prod-01', description: 'LACP bond for the web tier.', ticketType: 'component_addition', priority: 'normal', targetServerUuid: SERVER.webProd01, items: [add('nic', MODEL.nicConnectX6Lx)] },
      then: [...approveAndStart('manager2', 'tech'), { do: 'deploy', by: 'tech', notes: 'Bond configured' }, { do: 'complete', by: 'tech' }],
    },
    // ---- cancelled --------------------------------------------------------------------------------
    {
      by: 'requester',
      request: { title: 'Second HBA for backup-01', description: 'For a tape library.', ticketType: 'component_addition', priority: 'low', targetServerUuid: SERVER.backup01, items: [add('hbacard', MODEL.hba9500_16i)] },
      then: [{ do: 'cancel', by: 'requester', comment: 'The tape project was dropped' }],
    },
    {
      by: 'requester',
      request: { title: '128GB more for db-prod-01', description: 'Buffer pool growth.', ticketType: 'component_addition', priority: 'normal', targetServerUuid: SERVER.dbProd01, items: [add('ram', MODEL.ramSamsung64, 2)] },
      then: [
        { do: 'approve', by: 'manager' },
        { do: 'cancel', by: 'manager', comment: 'Superseded by the db-prod-02 migration' },
      ],
    },
  ];
}
