using System.Reflection;
using System.Text.RegularExpressions;
using Concord.Access;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Architecture;

/// <summary>
/// Who reads a shareable table, from the IL of every Concord assembly. A "read" is a call to a DbContext's
/// <c>DbSet&lt;T&gt;</c> property or to <c>Set&lt;T&gt;()</c> with T an <see cref="IShareable"/>. Code is grouped by the
/// method its author wrote: an async method's state machine, its lambdas and local functions count as that method.
/// </summary>
/// <remarks>
/// A method's read is filtered when the method calls <see cref="Visibility"/> (Apply, Filter, Branches, MayRead) or a
/// <em>door</em>: a method taking a <see cref="Principal"/> and a queryable of shareable rows that itself calls Visibility
/// or another door (IntelStore's <c>Visible</c>, <c>Filtered</c>, <c>ReachOrder.Page</c>). Otherwise the method, or a
/// type around it, must carry <see cref="InternalProjectionAttribute"/>. The check is per method, not per query: a
/// method that filters one query and not another passes here; the leak harness catches that by behaviour.
/// </remarks>
internal static partial class ShareableReads
{
    private static readonly string[] VisibilityCalls = [nameof(Visibility.Apply), nameof(Visibility.Filter), nameof(Visibility.Branches), nameof(Visibility.MayRead)];

    /// <summary>Our assemblies: the host's and every Concord assembly it loads (a new module is found, not listed).</summary>
    public static IReadOnlyList<Assembly> Assemblies()
    {
        var found = new Dictionary<string, Assembly>();
        var pending = new Stack<Assembly>([Assembly.Load("concord")]);
        while (pending.TryPop(out var assembly))
        {
            if (found.TryAdd(assembly.GetName().Name!, assembly))
            {
                foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("Concord.", StringComparison.Ordinal)))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return [.. found.Values];
    }

    /// <summary>Each method (as written) that reads a shareable table unfiltered and unmarked, with the sets it reads.</summary>
    public static IReadOnlyList<string> Unfiltered(IEnumerable<Assembly> assemblies)
    {
        var groups = assemblies.SelectMany(Methods).GroupBy(Key).ToDictionary(g => g.Key, g => g.ToList());
        var calls = groups.ToDictionary(g => g.Key, g => g.Value.SelectMany(IlCalls.Of).ToList());
        var doors = Doors(groups, calls);
        var failures = new List<string>();
        foreach (var (key, methods) in groups)
        {
            var sets = calls[key].Select(ShareableSet).OfType<string>().Distinct().ToList();
            if (sets.Count == 0 || methods.Any(IsSetDefinition) || methods.Any(Marked)
                || calls[key].Any(c => IsVisibility(c) || doors.Contains(Key(c))))
            {
                continue;
            }

            failures.Add($"{key} reads {string.Join(", ", sets)} without Visibility (.Apply(principal), Filter, Branches) or a door that applies it; "
                + "filter it, or mark the type or method [InternalProjection(\"why\")] if nothing it reads reaches a reader.");
        }

        return failures;
    }

    /// <summary>Methods that take a principal and shareable rows and filter them: Visibility directly, or another door (to a fixpoint).</summary>
    private static HashSet<string> Doors(Dictionary<string, List<MethodBase>> groups, Dictionary<string, List<MethodBase>> calls)
    {
        var candidates = groups.Where(g => g.Value.Any(TakesPrincipalAndRows)).Select(g => g.Key).ToList();
        var doors = new HashSet<string>();
        bool grew;
        do
        {
            grew = false;
            foreach (var key in candidates.Where(k => !doors.Contains(k)))
            {
                if (calls[key].Any(c => IsVisibility(c) || doors.Contains(Key(c))))
                {
                    grew = doors.Add(key) || grew;
                }
            }
        }
        while (grew);
        return doors;
    }

    private static IEnumerable<MethodBase> Methods(Assembly assembly) => assembly.GetTypes()
        .Where(t => !t.IsInterface)
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Cast<MethodBase>()
            .Concat(t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)));

    /// <summary>"Type::Method" as written: compiler-generated types and methods (&lt;Method&gt;d__3, &lt;Method&gt;b__0) fold into it.</summary>
    private static string Key(MethodBase method)
    {
        var name = method.Name.StartsWith('<') ? Written(method.Name) : null;
        var type = method.DeclaringType!;
        while (type.Name.StartsWith('<') && type.DeclaringType is { } outer)
        {
            name ??= type.Name.StartsWith("<>", StringComparison.Ordinal) ? null : Written(type.Name);
            type = outer;
        }

        return $"{(type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName}::{name ?? method.Name}";
    }

    private static string Written(string generated) => WrittenName().Match(generated).Groups[1].Value;

    [GeneratedRegex("^<+([^<>]+)>")]
    private static partial Regex WrittenName();

    private static string? ShareableSet(MethodBase called)
    {
        if (called is not MethodInfo method || !typeof(DbContext).IsAssignableFrom(method.DeclaringType))
        {
            return null;
        }

        var rows = method.IsGenericMethod && method.Name == nameof(DbContext.Set) ? method.GetGenericArguments()[0]
            : method.IsSpecialName && method.Name.StartsWith("get_", StringComparison.Ordinal) && method.ReturnType.IsGenericType
                && method.ReturnType.GetGenericTypeDefinition() == typeof(DbSet<>) ? method.ReturnType.GetGenericArguments()[0]
            : null;
        return rows is not null && typeof(IShareable).IsAssignableFrom(rows) ? $"{method.DeclaringType!.Name}.{method.Name.Replace("get_", string.Empty, StringComparison.Ordinal)}<{rows.Name}>" : null;
    }

    /// <summary>The DbContext's own property that defines the set (<c>Objects =&gt; Set&lt;StoredObject&gt;()</c>).</summary>
    private static bool IsSetDefinition(MethodBase method) => typeof(DbContext).IsAssignableFrom(method.DeclaringType) && method.IsSpecialName;

    private static bool IsVisibility(MethodBase called) => called.DeclaringType == typeof(Visibility) && VisibilityCalls.Contains(called.Name);

    private static bool TakesPrincipalAndRows(MethodBase method)
    {
        var types = method.GetParameters().Select(p => p.ParameterType).ToList();
        return types.Contains(typeof(Principal)) && types.Any(t => t.IsGenericType
            && (t.GetGenericTypeDefinition() == typeof(IQueryable<>) || t.GetGenericTypeDefinition() == typeof(DbSet<>))
            && typeof(IShareable).IsAssignableFrom(t.GetGenericArguments()[0]));
    }

    private static bool Marked(MethodBase method)
    {
        if (method.IsDefined(typeof(InternalProjectionAttribute), false))
        {
            return true;
        }

        for (var type = method.DeclaringType; type is not null; type = type.DeclaringType)
        {
            if (type.IsDefined(typeof(InternalProjectionAttribute), false))
            {
                return true;
            }
        }

        return false;
    }
}
