// The parts of the WebAssembly JS API the runtime uses. TypeScript ships these only in lib.dom,
// which a server should not pull in; Node provides the API itself.
declare namespace WebAssembly {
  interface ModuleExportDescriptor {
    kind: 'function' | 'global' | 'memory' | 'table' | 'tag';
    name: string;
  }
  interface ModuleImportDescriptor extends ModuleExportDescriptor {
    module: string;
  }
  class Module {
    constructor(bytes: BufferSource);
    static exports(module: Module): ModuleExportDescriptor[];
    static imports(module: Module): ModuleImportDescriptor[];
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  interface Instance {
    readonly exports: Record<string, unknown>;
  }
  class RuntimeError extends Error {}
  class CompileError extends Error {}
  function compile(bytes: BufferSource): Promise<Module>;
  function validate(bytes: BufferSource): boolean;
}
type BufferSource = ArrayBufferView | ArrayBuffer;
