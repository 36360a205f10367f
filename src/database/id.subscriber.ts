import { randomUUID } from 'node:crypto';
import { EntitySubscriberInterface, EventSubscriber, InsertEvent } from 'typeorm';

/**
 * Gives every new row a UUID in the app, so ids need no database-specific default and plain
 * `manager.insert(Entity, {...})` calls get one too (entity listeners only see class instances).
 */
@EventSubscriber()
export class IdSubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<{ id?: string }>): void {
    const primary = event.metadata.primaryColumns;
    if (primary.length === 1 && primary[0].propertyName === 'id' && event.entity && !event.entity.id) {
      event.entity.id = randomUUID();
    }
  }
}
