using System.Text;

namespace SlmMesh.Cli.Output;

/// <summary>A plain-text table for piped output: a header row and space-aligned columns, no borders or colour.</summary>
internal static class TextTable
{
    private const string Gap = "  ";

    public static string Render(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = new int[headers.Count];
        for (int c = 0; c < headers.Count; c++)
        {
            widths[c] = headers[c].Length;
            foreach (IReadOnlyList<string> row in rows)
            {
                widths[c] = Math.Max(widths[c], Cell(row, c).Length);
            }
        }

        var text = new StringBuilder();
        AppendRow(text, headers, widths);
        foreach (IReadOnlyList<string> row in rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> row, int[] widths)
    {
        var line = new StringBuilder();
        for (int c = 0; c < widths.Length; c++)
        {
            string cell = Cell(row, c);
            line.Append(c == widths.Length - 1 ? cell : cell.PadRight(widths[c])).Append(c == widths.Length - 1 ? string.Empty : Gap);
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static string Cell(IReadOnlyList<string> row, int column) => column < row.Count ? row[column].ReplaceLineEndings(" ") : string.Empty;
}
