using Concord.Access;
using Concord.Intel.Data;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Feeds;

/// <summary>
/// Feeds for REST, the browser and the CLI alike: the caller is checked here (<see cref="FeedSettingsRules"/>), so every
/// channel refuses the same things. A feed the caller may not manage is reported missing, never forbidden.
/// </summary>
internal sealed class FeedService(IntelDbContext db, IAccessDirectory directory, FeedRunner runner, TimeProvider time, IAuditTrail audit) : IIntelFeeds
{
    public async Task<Result<IReadOnlyList<FeedInfo>>> ListAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (FeedSettingsRules.MayManageFeeds(principal) is { } refused)
        {
            return refused;
        }

        var query = db.Feeds.AsNoTracking();
        if (!principal.HasRole(Role.NodeAdmin))
        {
            query = query.Where(f => f.OwnerOrgId == principal.OrganisationId);
        }

        var rows = await query.OrderBy(f => f.Name).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return rows.Select(FeedViews.Info).ToList();
    }

    public async Task<Result<FeedInfo>> GetAsync(Principal principal, Guid id, CancellationToken cancellationToken)
    {
        var feed = await FindAsync(principal, id, cancellationToken);
        return feed.IsSuccess ? FeedViews.Info(feed.Value!) : feed.Error!;
    }

    public async Task<Result<FeedInfo>> CreateAsync(Principal principal, FeedSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var owner = await CheckAsync(principal, settings, cancellationToken);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var now = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        var feed = new FeedRecord
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OwnerOrgId = owner.Value,
            Name = settings.Name.Trim(),
            Kind = FeedSettingsRules.KindName(settings.Kind),
            Source = settings.Source.Trim(),
            CreatedUs = now,
            CreatedBy = principal.Name,
            NextRunUs = now,
        };
        Apply(feed, settings);
        if (await db.Feeds.AnyAsync(f => f.OwnerOrgId == feed.OwnerOrgId && f.Name == feed.Name, cancellationToken))
        {
            return Error.Conflict("feed-name-taken", "The organisation already has a feed of that name.", "name");
        }

        db.Feeds.Add(feed);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("feed.create", "feed", feed.Id.ToString(), feed.OwnerOrgId, $"kind {feed.Kind}"), cancellationToken);
        return FeedViews.Info(feed);
    }

    public async Task<Result<FeedInfo>> UpdateAsync(Principal principal, Guid id, FeedSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var found = await FindAsync(principal, id, cancellationToken, tracked: true);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var feed = found.Value!;
        var owner = await CheckAsync(principal, settings with { Owner = feed.OwnerOrgId }, cancellationToken);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var name = settings.Name.Trim();
        if (await db.Feeds.AnyAsync(f => f.OwnerOrgId == feed.OwnerOrgId && f.Name == name && f.Id != id, cancellationToken))
        {
            return Error.Conflict("feed-name-taken", "The organisation already has a feed of that name.", "name");
        }

        // A new source or kind is a new feed to its reader: nothing seen before counts, the validators are void.
        var kind = FeedSettingsRules.KindName(settings.Kind);
        if (feed.Source != settings.Source.Trim() || feed.Kind != kind)
        {
            feed.ETag = null;
            feed.LastModified = null;
            await db.FeedEvents.Where(e => e.FeedId == id).ExecuteDeleteAsync(cancellationToken);
        }

        feed.Name = name;
        feed.Kind = kind;
        feed.Source = settings.Source.Trim();
        Apply(feed, settings);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("feed.update", "feed", feed.Id.ToString(), feed.OwnerOrgId), cancellationToken);
        return FeedViews.Info(feed);
    }

    public async Task<Result<bool>> DeleteAsync(Principal principal, Guid id, CancellationToken cancellationToken)
    {
        var found = await FindAsync(principal, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        // What the feed imported stays: it is the organisation's intelligence now, deleted like any other.
        await db.FeedEvents.Where(e => e.FeedId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Feeds.Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("feed.delete", "feed", id.ToString(), found.Value!.OwnerOrgId), cancellationToken);
        return true;
    }

    public async Task<Result<FeedInfo>> RunAsync(Principal principal, Guid id, CancellationToken cancellationToken)
    {
        var found = await FindAsync(principal, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        if (!await runner.TryRunAsync(id, onlyIfDue: false, actor: null, cancellationToken))
        {
            return Error.Conflict("feed-running", "The feed is running already; its results show when it ends.");
        }

        return await GetAsync(principal, id, cancellationToken);
    }

    private async Task<Result<FeedRecord>> FindAsync(Principal principal, Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        if (FeedSettingsRules.MayManageFeeds(principal) is { } refused)
        {
            return refused;
        }

        var query = tracked ? db.Feeds : db.Feeds.AsNoTracking();
        var feed = await query.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        return feed is not null && FeedSettingsRules.MayManage(principal, feed.OwnerOrgId) ? feed : Error.NotFound("The feed");
    }

    private async Task<Result<Guid>> CheckAsync(Principal principal, FeedSettings settings, CancellationToken cancellationToken)
    {
        if (FeedSettingsRules.MayManageFeeds(principal) is { } refused)
        {
            return refused;
        }

        var owner = settings.Owner ?? principal.OrganisationId!.Value;
        if (!FeedSettingsRules.MayManage(principal, owner))
        {
            return Error.Validation("owner", "feed-owner", "Only node admins may set up a feed for another organisation.");
        }

        if (FeedSettingsRules.Check(principal, settings) is { } invalid)
        {
            return invalid;
        }

        if (await directory.FindOrganisationAsync(owner, cancellationToken) is null)
        {
            return Error.Validation("owner", "feed-owner", "No such organisation.");
        }

        if (settings.SharingGroupId is { } group && await directory.ResolveSharingGroupAsync(owner, group, cancellationToken) is { IsSuccess: false } bad)
        {
            return bad.Error!;
        }

        return owner;
    }

    private static void Apply(FeedRecord feed, FeedSettings settings)
    {
        feed.ColumnsJson = FeedSettingsRules.ColumnsJson(settings.Columns);
        feed.Tlp = settings.Tlp;
        feed.Scope = settings.Scope;
        feed.SharingGroupId = settings.SharingGroupId;
        feed.IntervalMinutes = settings.IntervalMinutes;
        feed.Enabled = settings.Enabled;
    }
}
