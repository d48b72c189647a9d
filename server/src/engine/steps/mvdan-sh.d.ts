/** The part of mvdan-sh (mvdan/sh compiled to JavaScript) the engine uses: parse a script and walk its syntax tree. */
declare module 'mvdan-sh' {
  /** A syntax tree node: fields as in mvdan.cc/sh/v3/syntax, read through `ShNode` accessors. */
  export interface ShNode {
    Pos(): { Offset(): number };
    End(): { Offset(): number };
    readonly [field: string]: unknown;
  }
  export interface ShParser {
    Parse(src: string, name: string): ShNode;
  }
  export const syntax: {
    NewParser(...options: unknown[]): ShParser;
    KeepComments(keep: boolean): unknown;
    Variant(lang: unknown): unknown;
    LangBash: unknown;
    NodeType(node: ShNode): string;
    Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
  };
}
