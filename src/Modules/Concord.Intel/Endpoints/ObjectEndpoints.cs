using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

/// <summary>
/// Reading, revoking and deleting stored STIX objects. Every read goes through <see cref="IIntelStore"/>, which
/// filters by visibility: what the caller may not read answers 404, never 403.
/// </summary>
internal static class ObjectEndpoints
{
    public static void MapObjectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/objects").WithTags("Objects").RequireAuthorization(AccessPolicies.PublicReader);
        group.MapGet("/", ListAsync).WithName("ListObjects").WithSummary("List and search the STIX objects you may read, newest additions first, page by page.");
        group.MapGet("/{id}", GetAsync).WithName("GetObject").WithSummary("Get a STIX object you may read: its primary copy (or the copy of owner), its latest version or the one named by version, with the other visible copies.");
        group.MapGet("/{id}/versions", VersionsAsync).WithName("ListObjectVersions").WithSummary("List every version of one copy of an object you may read (its primary copy, or the copy of owner).");
        group.MapPost("/{id}/revoke", RevokeAsync).WithName("RevokeObject").WithSummary("Revoke an object your organisation owns: a new version with revoked true.").RequireAuthorization(AccessPolicies.Analyst);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteObject").WithSummary("Delete an object your organisation owns (every version, or the versions named).").RequireAuthorization(AccessPolicies.Analyst);
    }

    internal static async Task<Results<Ok<ObjectListResponse>, ProblemHttpResult>> ListAsync(
        HttpContext context,
        IIntelStore store,
        IPageCursors cursors,
        [FromQuery] string? type,
        [FromQuery] string? label,
        [FromQuery(Name = "created_by_ref")] string? createdByRef,
        [FromQuery(Name = "modified_from")] string? modifiedFrom,
        [FromQuery(Name = "modified_to")] string? modifiedTo,
        [FromQuery] string? q,
        [FromQuery] string? tlp,
        [FromQuery] string? owner,
        [FromQuery(Name = "all_versions")] bool? allVersions,
        [FromQuery(Name = "min_score")] double? minScore,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        [FromQuery(Name = "exclude_warninglisted")] bool? excludeWarninglisted,
        [FromQuery] string? sort)
    {
        var tlpFilter = Requests.Tlp(tlp);
        var from = Requests.Time(modifiedFrom, "modified_from");
        var to = Requests.Time(modifiedTo, "modified_to");
        var ownerFilter = Requests.Id(owner, "owner");
        if ((tlpFilter.Error ?? from.Error ?? to.Error ?? ownerFilter.Error) is { } error)
        {
            return error.ToProblem();
        }

        if (minScore is < 0 or > 100 || (minScore is { } m && double.IsNaN(m)))
        {
            return Error.Validation("min_score", "range", "'min_score' must be between 0 and 100.").ToProblem();
        }

        if (limit is < 1 or > Features.Objects.IntelStore.MaxPageSize)
        {
            return Error.Validation("limit", "range", $"'limit' must be between 1 and {Features.Objects.IntelStore.MaxPageSize}.").ToProblem();
        }

        // Relevance first when searching text; otherwise (and with sort=oldest) the sequence order sync relies on.
        var order = sort ?? (string.IsNullOrWhiteSpace(q) ? "oldest" : "relevance");
        if (order is not ("relevance" or "newest" or "oldest"))
        {
            return Error.Validation("sort", "sort-unknown", "'sort' must be 'relevance', 'newest' or 'oldest'.").ToProblem();
        }

        var query = new ObjectQuery
        {
            Type = type,
            Label = label,
            CreatedByRef = createdByRef,
            ModifiedFrom = from.Value,
            ModifiedTo = to.Value,
            Text = q,
            Tlp = tlpFilter.Value,
            Owner = ownerFilter.Value,
            AllVersions = allVersions ?? false,
            MinScore = minScore,
            Limit = limit ?? 100,
            ExcludeWarninglisted = excludeWarninglisted ?? false,
            Relevance = order == "relevance",
            NewestFirst = order == "newest",
        };
        var principal = await Requests.PrincipalAsync(context);
        if (!Cursor.TryDecode(cursors, cursor, principal, query, out var after))
        {
            return Error.Validation("cursor", "cursor-invalid",
                "'cursor' is not a cursor this node issued to you for these filters; use the 'next' value of the previous page with the same filters.").ToProblem();
        }

        var page = await store.QueryAsync(principal, query with { After = after }, context.RequestAborted);
        var nextCursor = page.Next is { } next ? Cursor.Encode(cursors, next, principal, query) : null;
        return TypedResults.Ok(new ObjectListResponse(page.Items.Select(o => ObjectResponse.From(o, principal)).ToList(), nextCursor));
    }

    /// <summary>
    /// Without <c>owner</c>, the primary copy (of the copies the caller may read, the one stored first on this node);
    /// with it, that organisation's own copy. Other visible copies are listed in <c>copies</c>.
    /// </summary>
    internal static async Task<Results<Ok<ObjectResponse>, ProblemHttpResult>> GetAsync(
        HttpContext context, IIntelStore store, string id, [FromQuery] string? version, [FromQuery] string? owner)
    {
        var ownerFilter = Requests.Id(owner, "owner");
        if (ownerFilter.Error is { } error)
        {
            return error.ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var result = await store.GetCopyAsync(principal, id, version, ownerFilter.Value, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(ObjectResponse.From(result.Value!, principal, withCopies: true)) : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<VersionsResponse>, ProblemHttpResult>> VersionsAsync(HttpContext context, IIntelStore store, string id, [FromQuery] string? owner)
    {
        var ownerFilter = Requests.Id(owner, "owner");
        if (ownerFilter.Error is { } error)
        {
            return error.ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var result = await store.CopyVersionsAsync(principal, id, ownerFilter.Value, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(new VersionsResponse(id, result.Value!.Select(o => ObjectResponse.From(o, principal)).ToList())) : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<ObjectResponse>, ProblemHttpResult>> RevokeAsync(HttpContext context, IIntelStore store, string id)
    {
        var principal = await Requests.PrincipalAsync(context);
        var result = await store.RevokeAsync(principal, id, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(ObjectResponse.From(result.Value!, principal)) : result.Error!.ToProblem();
    }

    /// <summary>
    /// Without <c>version</c>, every version the caller's organisation owns; with it (repeated, or comma-separated STIX
    /// timestamps), exactly those versions, all or none.
    /// </summary>
    internal static async Task<Results<Ok<DeletedObject>, ProblemHttpResult>> DeleteAsync(HttpContext context, IIntelStore store, string id, [FromQuery] string[]? version)
    {
        var principal = await Requests.PrincipalAsync(context);
        var versions = (version ?? []).SelectMany(v => v.Split(',')).ToList();
        var result = versions.Count == 0
            ? await store.DeleteAsync(principal, id, context.RequestAborted)
            : await store.DeleteVersionsAsync(principal, id, versions, context.RequestAborted);
        return result.ToOk();
    }
}
