using System.Text;
using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Explore;

/// <summary>
/// The latest visible objects that mention an id: a byte search of the stored JSON (SQLite <c>instr</c>, PostgreSQL
/// <c>position</c> over <c>bytea</c>) narrowed to the types that carry references, then to what the principal may
/// read. A mention in free text matches too; callers confirm each hit by parsing it.
/// </summary>
internal static class Referrers
{
    public static IQueryable<StoredObject> Mentioning(IntelDbContext db, Principal principal, string id)
    {
        var needle = Encoding.UTF8.GetBytes("\"" + id + "\"");
        var types = ObjectRefs.ReferringTypes.ToList();
        var candidates = db is PostgresIntelDbContext
            ? db.Objects.FromSql($"SELECT * FROM stix_objects WHERE position({needle} in json) > 0")
            : db.Objects.FromSql($"SELECT * FROM stix_objects WHERE instr(json, {needle}) > 0");
        return candidates.AsNoTracking().Apply(principal).Where(o => o.Latest && o.StixId != id && types.Contains(o.Type));
    }

    /// <summary>The latest visible objects whose author is <paramref name="identityId"/> (the indexed column).</summary>
    public static IQueryable<StoredObject> CreatedBy(IntelDbContext db, Principal principal, string identityId) =>
        db.Objects.AsNoTracking().Apply(principal).Where(o => o.Latest && o.CreatedByRef == identityId);
}
