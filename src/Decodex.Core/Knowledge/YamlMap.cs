using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Decodex.Core.Knowledge;

/// <summary>
/// Reads one YAML mapping into typed values, reporting every problem as an <see cref="Issue"/> with
/// file and line instead of throwing, and flagging keys nobody asked for when <see cref="Finish"/> runs.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly List<Issue> _issues;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, string file, List<Issue> issues)
    {
        _node = node;
        File = file;
        _issues = issues;
    }

    public string File { get; }

    public int Line => (int)_node.Start.Line;

    public SourceLocation Location => new(File, Line);

    public bool Has(string key) => Find(key) is { } value && !IsNull(value);

    public int LineOf(string key) => Find(key) is { } value ? (int)value.Start.Line : Line;

    public string? String(string key)
    {
        var node = Find(key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            var text = scalar.Value?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        Report(KnowledgeIssueCodes.Structure, $"'{key}' must be a single value, not a list or mapping.", node);
        return null;
    }

    public string RequiredString(string key)
    {
        var value = String(key);
        if (value is null && Find(key) is null or YamlScalarNode)
        {
            Report(KnowledgeIssueCodes.Structure, $"'{key}' is required.", Find(key));
        }

        return value ?? string.Empty;
    }

    public int? Int(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(KnowledgeIssueCodes.Structure, $"'{key}' must be a whole number.", Find(key));
        return null;
    }

    public decimal? Decimal(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(KnowledgeIssueCodes.Structure, $"'{key}' must be a number written with a decimal point.", Find(key));
        return null;
    }

    public bool Bool(string key)
    {
        var text = String(key);
        switch (text)
        {
            case null:
            case "false":
                return false;
            case "true":
                return true;
            default:
                Report(KnowledgeIssueCodes.Structure, $"'{key}' must be true or false.", Find(key));
                return false;
        }
    }

    public T? Term<T>(string key)
        where T : struct, Enum
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (TermTable<T>.TryParse(text, out var value))
        {
            return value;
        }

        Report(KnowledgeIssueCodes.UnknownTerm, $"'{text}' is not a known {key}; use one of: {TermTable<T>.List}.", Find(key));
        return null;
    }

    public T RequiredTerm<T>(string key, T fallback)
        where T : struct, Enum
    {
        if (!Has(key))
        {
            Report(KnowledgeIssueCodes.Structure, $"'{key}' is required; use one of: {TermTable<T>.List}.", Find(key));
            return fallback;
        }

        return Term<T>(key) ?? fallback;
    }

    /// <summary>
    /// Like <see cref="RequiredTerm{T}"/>, but a plain <c>null</c> is read as the term "null", not as
    /// an absent value: evidence roles include <c>null</c> (no difference found).
    /// </summary>
    public T RequiredRawTerm<T>(string key, T fallback)
        where T : struct, Enum
    {
        if (Find(key) is YamlScalarNode { Value: "null" or "~" } node)
        {
            if (TermTable<T>.TryParse("null", out var value))
            {
                return value;
            }

            Report(KnowledgeIssueCodes.UnknownTerm, $"'null' is not a known {key}; use one of: {TermTable<T>.List}.", node);
            return fallback;
        }

        return RequiredTerm(key, fallback);
    }

    public IReadOnlyList<string> Strings(string key)
    {
        var node = Find(key);
        if (node is null || IsNull(node))
        {
            return [];
        }

        if (node is YamlScalarNode single)
        {
            return string.IsNullOrWhiteSpace(single.Value) ? [] : [single.Value.Trim()];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Report(KnowledgeIssueCodes.Structure, $"'{key}' must be a list of values.", node);
            return [];
        }

        var values = new List<string>(sequence.Children.Count);
        foreach (var child in sequence.Children)
        {
            if (child is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
            {
                values.Add(scalar.Value.Trim());
            }
            else
            {
                Report(KnowledgeIssueCodes.Structure, $"Each item of '{key}' must be a single value.", child);
            }
        }

        return values;
    }

    public IReadOnlyList<T> Terms<T>(string key)
        where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var text in Strings(key))
        {
            if (TermTable<T>.TryParse(text, out var value))
            {
                values.Add(value);
            }
            else
            {
                Report(KnowledgeIssueCodes.UnknownTerm, $"'{text}' is not a known {key} value; use one of: {TermTable<T>.List}.", Find(key));
            }
        }

        return values;
    }

    public YamlMap? Map(string key)
    {
        var node = Find(key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, File, _issues);
        }

        Report(KnowledgeIssueCodes.Structure, $"'{key}' must be a mapping of keys to values.", node);
        return null;
    }

    public IReadOnlyList<YamlMap> Maps(string key)
    {
        var node = Find(key);
        if (node is null || IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Report(KnowledgeIssueCodes.Structure, $"'{key}' must be a list.", node);
            return [];
        }

        var maps = new List<YamlMap>(sequence.Children.Count);
        foreach (var child in sequence.Children)
        {
            if (child is YamlMappingNode mapping)
            {
                maps.Add(new YamlMap(mapping, File, _issues));
            }
            else
            {
                Report(KnowledgeIssueCodes.Structure, $"Each item of '{key}' must be a mapping of keys to values.", child);
            }
        }

        return maps;
    }

    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var map = Map(key);
        if (map is null)
        {
            return new Dictionary<string, string>();
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map._node.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? string.Empty;
            if (v is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
            {
                result[name] = scalar.Value.Trim();
            }
            else
            {
                Report(KnowledgeIssueCodes.Structure, $"'{key}.{name}' must be a single value.", v);
            }
        }

        return result;
    }

    /// <summary>Reports every key that was never read: the format does not know it.</summary>
    public void Finish()
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!_read.Contains(name))
            {
                Report(KnowledgeIssueCodes.UnknownKey, $"Unknown key '{name}'.", key);
            }
        }
    }

    /// <summary>Marks keys as known without reading them (for keys handled elsewhere).</summary>
    public void Accept(params string[] keys)
    {
        foreach (var key in keys)
        {
            _read.Add(key);
        }
    }

    public void Report(string code, string message, YamlNode? at = null, IssueSeverity severity = IssueSeverity.Error) =>
        _issues.Add(new Issue(code, severity, message, File, at is null ? Line : (int)at.Start.Line));

    public void ReportAt(string code, string message, string key, IssueSeverity severity = IssueSeverity.Error) =>
        Report(code, message, Find(key), severity);

    private YamlNode? Find(string key)
    {
        _read.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };
}

/// <summary>Kebab-case vocabulary terms of an enum (<c>DoubleBlindRct</c> is written <c>double-blind-rct</c>).</summary>
internal static class TermTable<T>
    where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByTerm = Enum.GetValues<T>()
        .ToDictionary(v => Term(v), v => v, StringComparer.Ordinal);

    public static string List { get; } = string.Join(", ", ByTerm.Keys);

    public static bool TryParse(string text, out T value) => ByTerm.TryGetValue(text, out value);

    public static string Term(T value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

/// <summary>Kebab-case term of any enum value, as written in the knowledge base and JSON output.</summary>
public static class TermText
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    /// <summary>The term for <paramref name="value"/>, e.g. <c>verified-abstract</c>.</summary>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Cache.GetOrAdd(value, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));
    }
}
