// The public surface of lists/: other features import only this file (src/feature-boundaries.spec.ts).
export { City, entryName, Sector, type ListKind } from './list-entry.entity.js';
export { type FilterOption, ListResolver, ListsService, OTHER } from './lists.service.js';
export { ListsModule } from './lists.module.js';
