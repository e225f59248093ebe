// Types of server/start.mjs (plain JavaScript so that `npm start` needs no TypeScript loader).
export declare const serverBundle: (root: string) => string;
export declare function isServerStale(root: string): boolean;
export declare function buildServer(root: string): Promise<void>;
export declare function ensureServerBuilt(root: string, log?: (msg: string) => void): Promise<string>;
