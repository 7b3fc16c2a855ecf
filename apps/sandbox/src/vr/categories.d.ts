/** One node of V&R's category tree: numeric ids, up to four levels. */
export interface VrCategory {
    id: string;
    name: string;
    /** null at the top level. */
    parentId: string | null;
}
export declare const MAX_LEVELS = 4;
export declare class CategoryTree {
    private byId;
    private nextId;
    constructor();
    reset(): void;
    /** Adds or renames categories (the control API); a parent must exist first. */
    add(categories: VrCategory[]): string | null;
    get(id: string): VrCategory | undefined;
    children(parentId: string | null): VrCategory[];
    private depth;
    /** True when each id is a child of the one before it, the first a top-level one. */
    isChain(ids: string[]): boolean;
    /** "Guitars>Electric solid body", as the export writes it. */
    pathName(ids: string[]): string;
    /** Ids for a path of names; names the site does not have are added, as if made there by hand. */
    idsOf(path: string): string[];
}
