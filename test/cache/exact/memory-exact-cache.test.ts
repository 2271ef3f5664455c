import { MemoryExactCache } from '../../../gateway/src/cache/exact/index.js';
import { exactCacheConformance } from './exact-cache-conformance.js';

exactCacheConformance('MemoryExactCache', (bounds) => new MemoryExactCache(bounds));
