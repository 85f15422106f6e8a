using System.Globalization;
using System.Text;

namespace SlmMesh.Cli.Install;

/// <summary>
/// A small, careful editor for the one TOML table the installer owns (<c>[mcp_servers.slm-mesh]</c> in Codex's
/// <c>config.toml</c>). It understands just enough TOML to find table headers — skipping multi-line strings,
/// comments and quoted keys — and replaces or appends that table, leaving every other byte as it was. It
/// refuses files it cannot read safely rather than guess.
/// </summary>
internal sealed partial class TomlTable
{
    private readonly string _path;
    private readonly List<string> _lines;
    private readonly List<Header> _headers;

    private TomlTable(string path, List<string> lines, List<Header> headers)
    {
        _path = path;
        _lines = lines;
        _headers = headers;
    }

    /// <summary>Reads the file's structure.</summary>
    /// <exception cref="InstallException">An unterminated multi-line string or a malformed table header.</exception>
    public static TomlTable Parse(string path, string? text)
    {
        List<string> lines = string.IsNullOrEmpty(text) ? [] : [.. text.ReplaceLineEndings("\n").Split('\n')];
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var headers = new List<Header>();
        string? openString = null;
        int depth = 0;
        int openedAt = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            string trimmed = lines[i].TrimStart();
            if (openString is null && depth == 0 && trimmed.StartsWith('['))
            {
                headers.Add(ParseHeader(path, trimmed, i));
                continue;
            }

            bool wasOpen = openString is not null;
            Scan(lines[i], ref openString, ref depth);
            if (!wasOpen && openString is not null)
            {
                openedAt = i;
            }
        }

        if (openString is not null)
        {
            throw new InstallException($"{path} is not valid TOML: the multi-line string opened on line {openedAt + 1} is never closed.");
        }

        if (depth != 0)
        {
            throw new InstallException($"{path} is not valid TOML: its brackets do not balance (an array or inline table is never closed).");
        }

        return new TomlTable(path, lines, headers);
    }

    /// <summary>Whether the table (or one of its sub-tables) is present.</summary>
    public bool Contains(IReadOnlyList<string> key) => _headers.Exists(h => StartsWith(h.Key, key));

    /// <summary>The body lines (without the header) of the table, or null when absent.</summary>
    public IReadOnlyList<string>? Body(IReadOnlyList<string> key)
    {
        int index = _headers.FindIndex(h => !h.IsArray && h.Key.SequenceEqual(key, StringComparer.Ordinal));
        if (index < 0)
        {
            return null;
        }

        int start = _headers[index].Line + 1;
        int end = index + 1 < _headers.Count ? _headers[index + 1].Line : _lines.Count;
        return _lines[start..end];
    }

    /// <summary>Whether any table whose key starts with <paramref name="first"/> has a line containing all of <paramref name="needles"/>.</summary>
    public bool AnyLineUnder(string first, params string[] needles)
    {
        for (int h = 0; h < _headers.Count; h++)
        {
            if (_headers[h].Key.Count == 0 || _headers[h].Key[0] != first)
            {
                continue;
            }

            int end = h + 1 < _headers.Count ? _headers[h + 1].Line : _lines.Count;
            for (int i = _headers[h].Line + 1; i < end; i++)
            {
                if (needles.All(n => _lines[i].Contains(n, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The file with the table <paramref name="key"/> set to <paramref name="body"/> (lines of <c>key = value</c>):
    /// replaced in place when present (its sub-tables removed), else appended at the end.
    /// </summary>
    /// <exception cref="InstallException">The table is defined twice, or inline / with dotted keys elsewhere.</exception>
    public string WithTable(IReadOnlyList<string> key, IReadOnlyList<string> body)
    {
        List<int> own = [.. Enumerable.Range(0, _headers.Count).Where(i => StartsWith(_headers[i].Key, key))];
        if (own.Count(i => _headers[i].Key.Count == key.Count) > 1)
        {
            throw new InstallException($"{_path} is not valid TOML: [{Join(key)}] is defined more than once.");
        }

        CheckNoOtherDefinition(key);
        string[] block = ["[" + Join(key) + "]", .. body];
        var lines = new List<string>(_lines);
        if (own.Count == 0)
        {
            while (lines.Count > 0 && lines[^1].Trim().Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            if (lines.Count > 0)
            {
                lines.Add(string.Empty);
            }

            lines.AddRange(block);
            return string.Join('\n', lines) + "\n";
        }

        // Remove from the bottom up so earlier indexes stay valid; the first block is where ours goes back in.
        int insertAt = _headers[own[0]].Line;
        foreach (int h in Enumerable.Reverse(own))
        {
            int start = _headers[h].Line;
            int end = h + 1 < _headers.Count ? _headers[h + 1].Line : _lines.Count;

            // Keep the blank lines and comments that introduce the next table with it.
            while (end - 1 > start && IsBlankOrComment(_lines[end - 1]) && end < _lines.Count)
            {
                end--;
            }

            lines.RemoveRange(start, end - start);
        }

        lines.InsertRange(insertAt, block);

        // Removing sub-tables can leave two blank lines where one separated them.
        int after = insertAt + block.Length;
        while (after + 1 < lines.Count && lines[after].Trim().Length == 0 && lines[after + 1].Trim().Length == 0)
        {
            lines.RemoveAt(after);
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A TOML basic string.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or '\u007f' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    /// <summary>A TOML array of basic strings.</summary>
    public static string Array(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    private void CheckNoOtherDefinition(IReadOnlyList<string> key)
    {
        // Before the first header: `mcp_servers.slm-mesh...` dotted keys or `mcp_servers = {...}`.
        int firstHeader = _headers.Count > 0 ? _headers[0].Line : _lines.Count;
        for (int i = 0; i < firstHeader; i++)
        {
            if (DefinesKey(_lines[i], key[0]))
            {
                throw Unsupported(key, i);
            }
        }

        // In a parent table ([mcp_servers]): `slm-mesh = {...}` or `slm-mesh.command = ...`.
        for (int h = 0; h < _headers.Count; h++)
        {
            IReadOnlyList<string> header = _headers[h].Key;
            if (_headers[h].IsArray || header.Count >= key.Count || !key.Take(header.Count).SequenceEqual(header, StringComparer.Ordinal))
            {
                continue;
            }

            int end = h + 1 < _headers.Count ? _headers[h + 1].Line : _lines.Count;
            for (int i = _headers[h].Line + 1; i < end; i++)
            {
                if (DefinesKey(_lines[i], key[header.Count]))
                {
                    throw Unsupported(key, i);
                }
            }
        }
    }

    private InstallException Unsupported(IReadOnlyList<string> key, int line) =>
        new($"{_path} line {line + 1} defines {Join(key)} inline or with dotted keys; slm-mesh only edits a [{Join(key)}] table. Move it into one (or remove it) and run again.");

    private static bool DefinesKey(string line, string name)
    {
        string trimmed = line.TrimStart();
        foreach (string spelling in (string[])[name, "\"" + name + "\"", "'" + name + "'"])
        {
            if (trimmed.StartsWith(spelling, StringComparison.Ordinal))
            {
                string rest = trimmed[spelling.Length..].TrimStart();
                if (rest.StartsWith('=') || rest.StartsWith('.'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool StartsWith(IReadOnlyList<string> key, IReadOnlyList<string> prefix) =>
        key.Count >= prefix.Count && key.Take(prefix.Count).SequenceEqual(prefix, StringComparer.Ordinal);

    private static bool IsBlankOrComment(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    private static string Join(IReadOnlyList<string> key) =>
        string.Join('.', key.Select(part => part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && part.Length > 0 ? part : Quote(part)));

    private sealed record Header(IReadOnlyList<string> Key, bool IsArray, int Line);
}
