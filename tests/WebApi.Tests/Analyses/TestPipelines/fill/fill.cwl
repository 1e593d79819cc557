cwlVersion: v1.2
class: Workflow
doc: Test pipeline - a first step writes bytes, the last (slow) step copies them; for the storage quota check before the last step.
inputs:
  kib: int
  sample_name: string
steps:
  fill:
    run:
      class: CommandLineTool
      requirements:
        ShellCommandRequirement: {}
      inputs:
        kib: int
      arguments:
        - shellQuote: false
          valueFrom: head -c $(inputs.kib)K /dev/urandom > fill.bin
      outputs:
        filled:
          type: File
          outputBinding: {glob: fill.bin}
    in: {kib: kib}
    out: [filled]
  finish:
    run:
      class: CommandLineTool
      requirements:
        ShellCommandRequirement: {}
      inputs:
        filled: File
      arguments:
        - shellQuote: false
          valueFrom: sleep 3 && cp $(inputs.filled.path) result.bin
      outputs:
        result:
          type: File
          outputBinding: {glob: result.bin}
    in: {filled: fill/filled}
    out: [result]
outputs:
  result: {type: File, outputSource: finish/result}
