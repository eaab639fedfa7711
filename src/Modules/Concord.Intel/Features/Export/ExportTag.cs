using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Observables.Warninglists;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Export;

/// <summary>
/// The strong entity tag of an export, from what decides its bytes, read without writing it: the newest version and the
/// newest deletion the reader may see (so a write the reader cannot see never moves the tag, which would tell it that
/// something hidden changed), the reader's audiences, the request, the warninglists when they filter, the organisation
/// names in CSV, and the hour for formats whose content moves with time alone (indicators expire, scores decay): those
/// tags last at most until the next hour, so a firewall that pulls every few minutes still gets 304 most of the time.
/// </summary>
internal static class ExportTag
{
    public static async Task<string> ComputeAsync(
        IntelDbContext db, Principal principal, ObjectQuery query, ExportFormat format, ExportOptions options, WarninglistSnapshot lists,
        IEnumerable<string> organisations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var objects = db.Objects.AsNoTracking().Apply(principal);
        if (query.Type is { } type)
        {
            objects = objects.Where(o => o.Type == type);
        }

        var newest = await objects.MaxAsync(o => (long?)o.Seq, cancellationToken) ?? 0;
        var deleted = await db.Tombstones.AsNoTracking().Apply(principal).MaxAsync(t => (long?)t.Seq, cancellationToken) ?? 0;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{ExportFormats.Name(format)}\n{newest}\n{deleted}\n{principal.Kind}\n{principal.OrganisationId}\n{principal.Role}\n")
            .AppendJoin(',', principal.AudienceIds.Order()).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{query.Type}\n{query.Label}\n{query.CreatedByRef}\n{query.Text}\n{query.Relevance}\n{query.Tlp}\n{query.TlpMax}\n{query.Owner}\n")
            .Append(CultureInfo.InvariantCulture, $"{query.ModifiedFrom?.UtcTicks}\n{query.ModifiedTo?.UtcTicks}\n{query.MinScore:R}\n{query.AllVersions}\n{query.ExcludeWarninglisted}\n")
            .AppendJoin(',', query.ExcludeTypes.Order(StringComparer.Ordinal)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{options.Links}\n").AppendJoin(',', (options.Kinds ?? new HashSet<IndicatorValueKind>()).Order()).Append('\n');
        if (query.ExcludeWarninglisted)
        {
            text.AppendJoin(',', lists.Lists.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Id}:{l.Version}:{l.EntryCount}"))).Append('\n');
        }

        if (format == ExportFormat.Csv)
        {
            text.AppendJoin(',', organisations).Append('\n');
        }

        if (format == ExportFormat.Csv || query.MinScore is not null || ExportFormats.IsIndicatorValues(format))
        {
            text.Append(now.UtcDateTime.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture));
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "\"" + Convert.ToBase64String(hash, 0, 18).Replace('+', '-').Replace('/', '_') + "\"";
    }
}
