import { Migration } from '@mikro-orm/migrations';

/**
 * Processors' webhook deliveries (src/settlement/processor-event.entity.ts): each event stored once
 * per processor and event id, byte for byte, and kept so (a trigger refuses to change what was
 * received, or to delete it); and the dead letters, signed bodies that could not be read.
 */
export class Migration20261202133713_settlement_processor_events extends Migration {

  override name = 'Migration20261202133713_settlement_processor_events';

  override up(): void | Promise<void> {
    this.addSql(`create type "settlement_processor_event_status" as enum ('RECEIVED', 'IGNORED');`);
    this.addSql(`create table "settlement_processor_dead_letter" ("id" bigserial primary key, "processor_id" bigint not null, "event_id" varchar(200) not null, "reason" varchar(500) not null, "raw_body" bytea not null, "headers" jsonb not null, "received_at" timestamptz not null default now());`);
    this.addSql(`create index "settlement_processor_dead_letter_list_index" on "settlement_processor_dead_letter" ("processor_id", "id");`);

    this.addSql(`create table "settlement_processor_event" ("id" bigserial primary key, "processor_id" bigint not null, "event_id" varchar(200) not null, "type" varchar(100) not null, "status" "settlement_processor_event_status" not null, "raw_body" bytea not null, "headers" jsonb not null, "received_at" timestamptz not null default now());`);
    this.addSql(`create index "settlement_processor_event_list_index" on "settlement_processor_event" ("processor_id", "id");`);
    this.addSql(`alter table "settlement_processor_event" add constraint "settlement_processor_event_unique" unique ("processor_id", "event_id");`);

    this.addSql(`alter table "settlement_processor_dead_letter" add constraint "settlement_processor_dead_letter_processor_fk" foreign key ("processor_id") references "settlement_processor" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "settlement_processor_event" add constraint "settlement_processor_event_processor_fk" foreign key ("processor_id") references "settlement_processor" ("id") on update no action on delete no action;`);
    this.addSql(`create function "settlement_processor_event_as_received"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' or new.processor_id is distinct from old.processor_id or new.event_id is distinct from old.event_id
          or new.type is distinct from old.type or new.raw_body is distinct from old.raw_body
          or new.headers is distinct from old.headers or new.received_at is distinct from old.received_at then
          raise exception 'processor event % is kept as received', old.id using errcode = '55000';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "settlement_processor_event_as_received" before update or delete on "settlement_processor_event"
      for each row execute function "settlement_processor_event_as_received"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "settlement_processor_dead_letter" cascade;`);
    this.addSql(`drop trigger if exists "settlement_processor_event_as_received" on "settlement_processor_event";`);
    this.addSql(`drop function if exists "settlement_processor_event_as_received"();`);
    this.addSql(`drop table if exists "settlement_processor_event" cascade;`);

    this.addSql(`drop type "settlement_processor_event_status";`);
  }

}
