using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CodeAssist.Server.Handlers;

/// <summary>
/// Checks deserialized params against the nullable annotations of their types, for every method at once. The
/// serializer fills a missing or null member with null even where the type says it cannot be (LSP clients do send
/// <c>"textDocument": null</c>), and a handler would then fail with a NullReferenceException; this turns that into
/// InvalidParams naming the field, e.g. <c>textDocument.uri</c> or <c>context.diagnostics[0]</c>.
/// </summary>
internal static class ParamsValidator
{
    private static readonly ConcurrentDictionary<Type, Member[]> MembersByType = new();
    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly Lock NullabilityLock = new();

    /// <summary>Throws <see cref="InvalidParamsException"/> at the first null the params' types do not allow.</summary>
    public static void ThrowIfInvalid(string method, object parameters, JsonSerializerOptions options)
    {
        if (FindNull(parameters, "", options) is { } path)
        {
            throw new InvalidParamsException($"Invalid params for {method}: {path} is missing or null.");
        }
    }

    /// <summary>The JSON path of the first disallowed null under <paramref name="value"/>, or null when there is none.</summary>
    private static string? FindNull(object value, string path, JsonSerializerOptions options)
    {
        if (!IsOwnType(value.GetType()))
        {
            return null;
        }

        foreach (var member in MembersByType.GetOrAdd(value.GetType(), static (type, options) => Describe(type, options), options))
        {
            var memberPath = path.Length == 0 ? member.JsonName : $"{path}.{member.JsonName}";
            var memberValue = member.Get(value);
            if (memberValue is null)
            {
                if (!member.AllowsNull)
                {
                    return memberPath;
                }

                continue;
            }

            var found = memberValue is IEnumerable items and not string and not IDictionary
                ? FindNullInItems(items, member.AllowsNullItems, memberPath, options)
                : FindNull(memberValue, memberPath, options);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static string? FindNullInItems(IEnumerable items, bool allowsNullItems, string path, JsonSerializerOptions options)
    {
        var index = 0;
        foreach (var item in items)
        {
            var itemPath = $"{path}[{index++}]";
            var found = item is null
                ? (allowsNullItems ? null : itemPath)
                : FindNull(item, itemPath, options);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    // Only the protocol's own records are walked: JsonElement, strings and framework types hold no annotations to check.
    private static bool IsOwnType(Type type) =>
        !type.IsValueType && type.Namespace?.StartsWith("CodeAssist.", StringComparison.Ordinal) == true;

    private static Member[] Describe(Type type, JsonSerializerOptions options)
    {
        var typeInfo = options.GetTypeInfo(type);
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return [];
        }

        var members = new List<Member>();
        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is not { } get || property.Set is null || property.PropertyType.IsValueType || property.AttributeProvider is not MemberInfo memberInfo)
            {
                continue;
            }

            var nullability = ReadNullability(memberInfo);
            var itemNullability = nullability.ElementType ?? (nullability.GenericTypeArguments is [var only] ? only : null);
            members.Add(new Member(
                property.Name,
                get,
                nullability.WriteState != NullabilityState.NotNull,
                itemNullability is null || itemNullability.ReadState != NullabilityState.NotNull));
        }

        return [.. members];
    }

    private static NullabilityInfo ReadNullability(MemberInfo member)
    {
        // NullabilityInfoContext caches without locking.
        lock (NullabilityLock)
        {
            return member switch
            {
                PropertyInfo property => Nullability.Create(property),
                FieldInfo field => Nullability.Create(field),
                _ => throw new ArgumentException($"Unexpected member {member}.", nameof(member)),
            };
        }
    }

    private sealed record Member(string JsonName, Func<object, object?> Get, bool AllowsNull, bool AllowsNullItems);
}
