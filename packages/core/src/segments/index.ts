export {
  compileSegment,
  registerSegmentFunction,
  type SegmentFilter,
  type SegmentFunction,
  segmentFields,
} from "./compile.ts";
export { type Node, parseSegment } from "./parse.ts";
export {
  type CreateSegmentInput,
  createSegmentInput,
  previewSegmentInput,
  type Segment,
  segmentChangeOutput,
  segmentOutput,
  updateSegmentInput,
} from "./segment.schemas.ts";
export {
  countSegment,
  createSegment,
  deleteSegment,
  filterOf,
  getSegment,
  listSegments,
  refreshAllSegments,
  refreshSegment,
  refreshSegmentsFor,
  segmentBase,
  segmentChanges,
  segmentMemberIds,
  updateSegment,
} from "./segments.ts";
