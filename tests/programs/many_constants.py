# More than 256 distinct names (qstrs), string constants and big-int constants in one module.
name_0 = 'value_0'; name_1 = 'value_1'; name_2 = 'value_2'; name_3 = 'value_3'; name_4 = 'value_4'; name_5 = 'value_5'; name_6 = 'value_6'; name_7 = 'value_7'; name_8 = 'value_8'; name_9 = 'value_9'
name_10 = 'value_10'; name_11 = 'value_11'; name_12 = 'value_12'; name_13 = 'value_13'; name_14 = 'value_14'; name_15 = 'value_15'; name_16 = 'value_16'; name_17 = 'value_17'; name_18 = 'value_18'; name_19 = 'value_19'
name_20 = 'value_20'; name_21 = 'value_21'; name_22 = 'value_22'; name_23 = 'value_23'; name_24 = 'value_24'; name_25 = 'value_25'; name_26 = 'value_26'; name_27 = 'value_27'; name_28 = 'value_28'; name_29 = 'value_29'
name_30 = 'value_30'; name_31 = 'value_31'; name_32 = 'value_32'; name_33 = 'value_33'; name_34 = 'value_34'; name_35 = 'value_35'; name_36 = 'value_36'; name_37 = 'value_37'; name_38 = 'value_38'; name_39 = 'value_39'
name_40 = 'value_40'; name_41 = 'value_41'; name_42 = 'value_42'; name_43 = 'value_43'; name_44 = 'value_44'; name_45 = 'value_45'; name_46 = 'value_46'; name_47 = 'value_47'; name_48 = 'value_48'; name_49 = 'value_49'
name_50 = 'value_50'; name_51 = 'value_51'; name_52 = 'value_52'; name_53 = 'value_53'; name_54 = 'value_54'; name_55 = 'value_55'; name_56 = 'value_56'; name_57 = 'value_57'; name_58 = 'value_58'; name_59 = 'value_59'
name_60 = 'value_60'; name_61 = 'value_61'; name_62 = 'value_62'; name_63 = 'value_63'; name_64 = 'value_64'; name_65 = 'value_65'; name_66 = 'value_66'; name_67 = 'value_67'; name_68 = 'value_68'; name_69 = 'value_69'
name_70 = 'value_70'; name_71 = 'value_71'; name_72 = 'value_72'; name_73 = 'value_73'; name_74 = 'value_74'; name_75 = 'value_75'; name_76 = 'value_76'; name_77 = 'value_77'; name_78 = 'value_78'; name_79 = 'value_79'
name_80 = 'value_80'; name_81 = 'value_81'; name_82 = 'value_82'; name_83 = 'value_83'; name_84 = 'value_84'; name_85 = 'value_85'; name_86 = 'value_86'; name_87 = 'value_87'; name_88 = 'value_88'; name_89 = 'value_89'
name_90 = 'value_90'; name_91 = 'value_91'; name_92 = 'value_92'; name_93 = 'value_93'; name_94 = 'value_94'; name_95 = 'value_95'; name_96 = 'value_96'; name_97 = 'value_97'; name_98 = 'value_98'; name_99 = 'value_99'
name_100 = 'value_100'; name_101 = 'value_101'; name_102 = 'value_102'; name_103 = 'value_103'; name_104 = 'value_104'; name_105 = 'value_105'; name_106 = 'value_106'; name_107 = 'value_107'; name_108 = 'value_108'; name_109 = 'value_109'
name_110 = 'value_110'; name_111 = 'value_111'; name_112 = 'value_112'; name_113 = 'value_113'; name_114 = 'value_114'; name_115 = 'value_115'; name_116 = 'value_116'; name_117 = 'value_117'; name_118 = 'value_118'; name_119 = 'value_119'
name_120 = 'value_120'; name_121 = 'value_121'; name_122 = 'value_122'; name_123 = 'value_123'; name_124 = 'value_124'; name_125 = 'value_125'; name_126 = 'value_126'; name_127 = 'value_127'; name_128 = 'value_128'; name_129 = 'value_129'
name_130 = 'value_130'; name_131 = 'value_131'; name_132 = 'value_132'; name_133 = 'value_133'; name_134 = 'value_134'; name_135 = 'value_135'; name_136 = 'value_136'; name_137 = 'value_137'; name_138 = 'value_138'; name_139 = 'value_139'
name_140 = 'value_140'; name_141 = 'value_141'; name_142 = 'value_142'; name_143 = 'value_143'; name_144 = 'value_144'; name_145 = 'value_145'; name_146 = 'value_146'; name_147 = 'value_147'; name_148 = 'value_148'; name_149 = 'value_149'
name_150 = 'value_150'; name_151 = 'value_151'; name_152 = 'value_152'; name_153 = 'value_153'; name_154 = 'value_154'; name_155 = 'value_155'; name_156 = 'value_156'; name_157 = 'value_157'; name_158 = 'value_158'; name_159 = 'value_159'
name_160 = 'value_160'; name_161 = 'value_161'; name_162 = 'value_162'; name_163 = 'value_163'; name_164 = 'value_164'; name_165 = 'value_165'; name_166 = 'value_166'; name_167 = 'value_167'; name_168 = 'value_168'; name_169 = 'value_169'
name_170 = 'value_170'; name_171 = 'value_171'; name_172 = 'value_172'; name_173 = 'value_173'; name_174 = 'value_174'; name_175 = 'value_175'; name_176 = 'value_176'; name_177 = 'value_177'; name_178 = 'value_178'; name_179 = 'value_179'
name_180 = 'value_180'; name_181 = 'value_181'; name_182 = 'value_182'; name_183 = 'value_183'; name_184 = 'value_184'; name_185 = 'value_185'; name_186 = 'value_186'; name_187 = 'value_187'; name_188 = 'value_188'; name_189 = 'value_189'
name_190 = 'value_190'; name_191 = 'value_191'; name_192 = 'value_192'; name_193 = 'value_193'; name_194 = 'value_194'; name_195 = 'value_195'; name_196 = 'value_196'; name_197 = 'value_197'; name_198 = 'value_198'; name_199 = 'value_199'
name_200 = 'value_200'; name_201 = 'value_201'; name_202 = 'value_202'; name_203 = 'value_203'; name_204 = 'value_204'; name_205 = 'value_205'; name_206 = 'value_206'; name_207 = 'value_207'; name_208 = 'value_208'; name_209 = 'value_209'
name_210 = 'value_210'; name_211 = 'value_211'; name_212 = 'value_212'; name_213 = 'value_213'; name_214 = 'value_214'; name_215 = 'value_215'; name_216 = 'value_216'; name_217 = 'value_217'; name_218 = 'value_218'; name_219 = 'value_219'
name_220 = 'value_220'; name_221 = 'value_221'; name_222 = 'value_222'; name_223 = 'value_223'; name_224 = 'value_224'; name_225 = 'value_225'; name_226 = 'value_226'; name_227 = 'value_227'; name_228 = 'value_228'; name_229 = 'value_229'
name_230 = 'value_230'; name_231 = 'value_231'; name_232 = 'value_232'; name_233 = 'value_233'; name_234 = 'value_234'; name_235 = 'value_235'; name_236 = 'value_236'; name_237 = 'value_237'; name_238 = 'value_238'; name_239 = 'value_239'
name_240 = 'value_240'; name_241 = 'value_241'; name_242 = 'value_242'; name_243 = 'value_243'; name_244 = 'value_244'; name_245 = 'value_245'; name_246 = 'value_246'; name_247 = 'value_247'; name_248 = 'value_248'; name_249 = 'value_249'
name_250 = 'value_250'; name_251 = 'value_251'; name_252 = 'value_252'; name_253 = 'value_253'; name_254 = 'value_254'; name_255 = 'value_255'; name_256 = 'value_256'; name_257 = 'value_257'; name_258 = 'value_258'; name_259 = 'value_259'
name_260 = 'value_260'; name_261 = 'value_261'; name_262 = 'value_262'; name_263 = 'value_263'; name_264 = 'value_264'; name_265 = 'value_265'; name_266 = 'value_266'; name_267 = 'value_267'; name_268 = 'value_268'; name_269 = 'value_269'
name_270 = 'value_270'; name_271 = 'value_271'; name_272 = 'value_272'; name_273 = 'value_273'; name_274 = 'value_274'; name_275 = 'value_275'; name_276 = 'value_276'; name_277 = 'value_277'; name_278 = 'value_278'; name_279 = 'value_279'
name_280 = 'value_280'; name_281 = 'value_281'; name_282 = 'value_282'; name_283 = 'value_283'; name_284 = 'value_284'; name_285 = 'value_285'; name_286 = 'value_286'; name_287 = 'value_287'; name_288 = 'value_288'; name_289 = 'value_289'
name_290 = 'value_290'; name_291 = 'value_291'; name_292 = 'value_292'; name_293 = 'value_293'; name_294 = 'value_294'; name_295 = 'value_295'; name_296 = 'value_296'; name_297 = 'value_297'; name_298 = 'value_298'; name_299 = 'value_299'
total = 0
total += 0 + 1099511635472581394432 + 2199023270945162788864 + 3298534906417744183296 + 4398046541890325577728 + 5497558177362906972160 + 6597069812835488366592 + 7696581448308069761024 + 8796093083780651155456 + 9895604719253232549888
total += 10995116354725813944320 + 12094627990198395338752 + 13194139625670976733184 + 14293651261143558127616 + 15393162896616139522048 + 16492674532088720916480 + 17592186167561302310912 + 18691697803033883705344 + 19791209438506465099776 + 20890721073979046494208
total += 21990232709451627888640 + 23089744344924209283072 + 24189255980396790677504 + 25288767615869372071936 + 26388279251341953466368 + 27487790886814534860800 + 28587302522287116255232 + 29686814157759697649664 + 30786325793232279044096 + 31885837428704860438528
total += 32985349064177441832960 + 34084860699650023227392 + 35184372335122604621824 + 36283883970595186016256 + 37383395606067767410688 + 38482907241540348805120 + 39582418877012930199552 + 40681930512485511593984 + 41781442147958092988416 + 42880953783430674382848
total += 43980465418903255777280 + 45079977054375837171712 + 46179488689848418566144 + 47279000325320999960576 + 48378511960793581355008 + 49478023596266162749440 + 50577535231738744143872 + 51677046867211325538304 + 52776558502683906932736 + 53876070138156488327168
total += 54975581773629069721600 + 56075093409101651116032 + 57174605044574232510464 + 58274116680046813904896 + 59373628315519395299328 + 60473139950991976693760 + 61572651586464558088192 + 62672163221937139482624 + 63771674857409720877056 + 64871186492882302271488
print(total)
print(name_0, name_137, name_255, name_256, name_299)
print(len([k for k in globals() if k.startswith('name_')]))
def lookup(i):
    return globals()['name_%d' % i]
print(lookup(42), lookup(298))
floats = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.5, 21.5, 22.5, 23.5, 24.5, 25.5, 26.5, 27.5, 28.5, 29.5, 30.5, 31.5, 32.5, 33.5, 34.5, 35.5, 36.5, 37.5, 38.5, 39.5]
print(sum(floats), floats[-1])
