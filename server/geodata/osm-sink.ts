// What the OSM readers (XML and PBF) emit, element by element, in file order.

export type OsmTags = ReadonlyMap<string, string>;

export interface OsmMember {
  type: 'n' | 'w' | 'r';
  ref: number;
  role: string;
}

/** Receives elements as they are read; tags are null for untagged nodes. */
export interface OsmSink {
  addNode(id: number, lon: number, lat: number, tags: OsmTags | null): void;
  addWay(id: number, refs: number[], tags: OsmTags): void;
  addRelation?(id: number, members: OsmMember[], tags: OsmTags): void;
}

export interface OsmReadOptions {
  /** Called after each chunk with the bytes read so far and the file size in bytes. */
  onProgress?: (readBytes: number, totalBytes: number) => void;
  /** Skip decoding nodes (a second pass that only needs ways). */
  skipNodes?: boolean;
}
