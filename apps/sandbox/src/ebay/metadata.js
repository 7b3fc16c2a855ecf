import express from 'express';
import { CONDITION_WORDS } from './account.js';
import { apiError, sendErrors } from './errors.js';
/** eBay's default category tree per marketplace (Taxonomy API `get_default_category_tree_id`). */
export const CATEGORY_TREES = {
    EBAY_US: '0',
    EBAY_MOTORS: '100',
    EBAY_CA: '2',
    EBAY_GB: '3',
    EBAY_AU: '15',
    EBAY_AT: '16',
    EBAY_BE: '23',
    EBAY_FR: '71',
    EBAY_DE: '77',
    EBAY_IT: '101',
    EBAY_NL: '146',
    EBAY_ES: '186',
    EBAY_CH: '193',
    EBAY_IE: '205',
    EBAY_PL: '212',
};
const TREE_VERSION = '131';
const metadataError = (errorId, message) => apiError(errorId, 'API_METADATA', message);
const taxonomyError = (errorId, message, parameters = []) => apiError(errorId, 'API_TAXONOMY', message, message, parameters);
/**
 * The Metadata API's item condition policies and the Taxonomy API's default tree and aspects,
 * both answered from the account's category table (shipped, and configurable by the control API).
 */
export function metadataRouter(account) {
    const router = express.Router();
    router.get('/sell/metadata/v1/marketplace/:marketplaceId/get_item_condition_policies', (req, res) => {
        const marketplaceId = String(req.params.marketplaceId);
        const tree = CATEGORY_TREES[marketplaceId];
        if (!tree)
            return sendErrors(res, 400, [metadataError(20403, `Invalid marketplace_id ${marketplaceId}.`)]);
        const filter = req.query.filter;
        let ids = null;
        if (filter !== undefined) {
            const m = typeof filter === 'string' ? /^categoryIds:\{([\d|]+)\}$/.exec(filter.trim()) : null;
            if (!m)
                return sendErrors(res, 400, [metadataError(20401, 'Invalid filter. The filter must look like categoryIds:{33034|4713}.')]);
            ids = m[1].split('|').filter(Boolean);
        }
        const wanted = ids ?? Object.keys(account.categories);
        const known = wanted.filter((id) => account.categories[id]);
        const unknown = wanted.filter((id) => !account.categories[id]);
        res.json({
            itemConditionPolicies: known.map((categoryId) => {
                const rule = account.categories[categoryId];
                return {
                    categoryId,
                    categoryTreeId: tree,
                    itemConditionRequired: true,
                    itemConditions: rule.conditions.map((conditionId) => ({ conditionId, conditionDescription: CONDITION_WORDS[conditionId] ?? conditionId, usage: 'ENABLED' })),
                };
            }),
            ...(unknown.length
                ? { warnings: unknown.map((id) => ({ ...metadataError(20500, `Category ${id} is not a leaf category or does not exist on ${marketplaceId}.`), category: 'REQUEST' })) }
                : {}),
        });
    });
    router.get('/commerce/taxonomy/v1/get_default_category_tree_id', (req, res) => {
        const marketplaceId = req.query.marketplace_id;
        if (typeof marketplaceId !== 'string' || !marketplaceId) {
            return sendErrors(res, 400, [taxonomyError(62000, 'Missing marketplace_id. The marketplace_id query parameter is required.')]);
        }
        const tree = CATEGORY_TREES[marketplaceId];
        if (!tree)
            return sendErrors(res, 400, [taxonomyError(62003, `The specified marketplace ID ${marketplaceId} was not found.`, [{ name: 'marketplace_id', value: marketplaceId }])]);
        res.json({ categoryTreeId: tree, categoryTreeVersion: TREE_VERSION });
    });
    router.get('/commerce/taxonomy/v1/category_tree/:treeId/get_item_aspects_for_category', (req, res) => {
        const treeId = String(req.params.treeId);
        if (!Object.values(CATEGORY_TREES).includes(treeId)) {
            return sendErrors(res, 404, [taxonomyError(62004, `The specified category tree ID ${treeId} was not found.`, [{ name: 'category_tree_id', value: treeId }])]);
        }
        const categoryId = req.query.category_id;
        if (typeof categoryId !== 'string' || !/^\d+$/.test(categoryId)) {
            return sendErrors(res, 400, [taxonomyError(62005, 'Missing or invalid category_id. The category_id query parameter is required.')]);
        }
        const rule = account.categories[categoryId];
        if (!rule) {
            return sendErrors(res, 400, [taxonomyError(62006, `The specified category ID ${categoryId} does not belong to category tree ${treeId} or is not a leaf category.`, [{ name: 'category_id', value: categoryId }])]);
        }
        const aspect = (name, required) => ({
            localizedAspectName: name,
            aspectConstraint: {
                aspectDataType: 'STRING',
                itemToAspectCardinality: 'SINGLE',
                aspectMode: 'FREE_TEXT',
                aspectRequired: required,
                aspectUsage: required ? 'RECOMMENDED' : 'OPTIONAL',
                aspectEnabledForVariations: false,
                aspectApplicableTo: ['ITEM'],
            },
        });
        const recommended = (rule.recommendedAspects ?? []).filter((n) => !rule.requiredAspects.includes(n));
        res.json({ aspects: [...rule.requiredAspects.map((n) => aspect(n, true)), ...recommended.map((n) => aspect(n, false))] });
    });
    return router;
}
//# sourceMappingURL=metadata.js.map