import type { Expression } from '@common/odata/ast'

/** A compact S-expression of an expression tree, so precedence tests read at a glance. */
export function sexpr(e: Expression): string {
  switch (e.kind) {
    case 'literal':
      return e.type === 'string' ? `'${String(e.value)}'` : `${e.type}:${String(e.value)}`
    case 'path':
      return e.segments.map((s) => s.name).join('/')
    case 'alias':
      return e.name
    case 'binary':
      return `(${e.operator} ${sexpr(e.left)} ${sexpr(e.right)})`
    case 'unary':
      return `(${e.operator} ${sexpr(e.operand)})`
    case 'call':
      return `${e.name.name}(${e.args.map(sexpr).join(' ')})`
    case 'dynamicsFunction':
      return `${e.namespace}.${e.name.name}(${e.parameters.map((p) => `${p.name.name}=${sexpr(p.value)}`).join(' ')})`
    case 'lambda':
      return `${sexpr(e.collection)}/${e.operator}(${e.variable ? `${e.variable.name}: ${e.predicate ? sexpr(e.predicate) : ''}` : ''})`
    case 'list':
      return `[${e.items.map(sexpr).join(' ')}]`
  }
}
