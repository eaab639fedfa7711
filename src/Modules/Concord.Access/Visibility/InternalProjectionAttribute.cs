namespace Concord.Access;

/// <summary>
/// Marks a type or member that reads a shareable table without the visibility filter, and says why: an internal
/// projection (a follower, a change feed, a migration, a write path's own-copy lookup), not a read path. Nothing it
/// reads may reach a response unfiltered. Every other read of a shareable table starts from
/// <see cref="Visibility.Apply{T}"/>, <see cref="Visibility.Filter{T}"/> or <see cref="Visibility.Branches{T}"/>:
/// the architecture test <c>ShareableReadTests</c> fails on any read that does neither.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, Inherited = false)]
public sealed class InternalProjectionAttribute(string why) : Attribute
{
    /// <summary>Why the unfiltered read is safe: what it does with the rows and why none reaches a reader.</summary>
    public string Why { get; } = string.IsNullOrWhiteSpace(why) ? throw new ArgumentException("Say why the read is unfiltered.", nameof(why)) : why;
}
