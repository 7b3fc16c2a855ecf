/**
 * The tree the site ships. The top level and 51 → 83, 90 → 93 / 268 are V&R's own ids (from a
 * dump of the live create page); the other children are illustrative, numbered apart (7xx) so
 * they cannot be mistaken for real ones. More come through `PUT /_control/vr/account`.
 */
const SHIPPED = [
    { id: '51', name: 'Guitars', parentId: null },
    { id: '52', name: 'Basses', parentId: null },
    { id: '90', name: 'Effects', parentId: null },
    { id: '53', name: 'Amps', parentId: null },
    { id: '216', name: 'Drums', parentId: null },
    { id: '57', name: 'Pianos', parentId: null },
    { id: '56', name: 'Brass/Woodwind', parentId: null },
    { id: '188', name: 'Stringed', parentId: null },
    { id: '235', name: 'Bowed', parentId: null },
    { id: '422', name: 'Books', parentId: null },
    { id: '390', name: 'Furniture', parentId: null },
    { id: '83', name: 'Electric solid body', parentId: '51' },
    { id: '701', name: 'Electric semi-hollow body', parentId: '51' },
    { id: '702', name: 'Electric hollow body', parentId: '51' },
    { id: '703', name: 'Acoustic', parentId: '51' },
    { id: '704', name: 'Classical', parentId: '51' },
    { id: '711', name: 'Electric basses', parentId: '52' },
    { id: '712', name: 'Acoustic basses', parentId: '52' },
    { id: '93', name: 'Fuzz', parentId: '90' },
    { id: '268', name: 'Flanger', parentId: '90' },
    { id: '721', name: 'Overdrive', parentId: '90' },
    { id: '722', name: 'Delay', parentId: '90' },
    { id: '731', name: 'Guitar amps', parentId: '53' },
    { id: '732', name: 'Bass amps', parentId: '53' },
];
export const MAX_LEVELS = 4;
export class CategoryTree {
    byId = new Map();
    nextId = 9001;
    constructor() {
        this.reset();
    }
    reset() {
        this.byId.clear();
        this.nextId = 9001;
        for (const c of SHIPPED)
            this.byId.set(c.id, { ...c });
    }
    /** Adds or renames categories (the control API); a parent must exist first. */
    add(categories) {
        for (const c of categories) {
            if (c.parentId !== null && !this.byId.has(c.parentId))
                return `category ${c.id}: no parent ${c.parentId}`;
            if (c.parentId !== null && this.depth(c.parentId) >= MAX_LEVELS)
                return `category ${c.id}: at most ${MAX_LEVELS} levels`;
            this.byId.set(c.id, { ...c });
        }
        return null;
    }
    get(id) {
        return this.byId.get(id);
    }
    children(parentId) {
        return [...this.byId.values()].filter((c) => c.parentId === parentId);
    }
    depth(id) {
        let n = 0;
        for (let c = this.byId.get(id); c; c = c.parentId ? this.byId.get(c.parentId) : undefined)
            n += 1;
        return n;
    }
    /** True when each id is a child of the one before it, the first a top-level one. */
    isChain(ids) {
        let parent = null;
        for (const id of ids) {
            const c = this.byId.get(id);
            if (!c || c.parentId !== parent)
                return false;
            parent = id;
        }
        return ids.length > 0;
    }
    /** "Guitars>Electric solid body", as the export writes it. */
    pathName(ids) {
        return ids.map((id) => this.byId.get(id)?.name ?? id).join('>');
    }
    /** Ids for a path of names; names the site does not have are added, as if made there by hand. */
    idsOf(path) {
        const ids = [];
        let parent = null;
        for (const name of path.split('>').map((s) => s.trim()).filter(Boolean).slice(0, MAX_LEVELS)) {
            let node = this.children(parent).find((c) => c.name.toLowerCase() === name.toLowerCase());
            if (!node) {
                node = { id: String(this.nextId++), name, parentId: parent };
                this.byId.set(node.id, node);
            }
            ids.push(node.id);
            parent = node.id;
        }
        return ids;
    }
}
//# sourceMappingURL=categories.js.map