/**
 * UNSPSC (United Nations Standard Products and Services Code) segments and a selection of families,
 * with names in English, Russian and Kazakh, written by us for the code picker.
 *
 * A UNSPSC commodity code has 8 digits: segment (2) · family (2) · class (2) · commodity (2).
 * UNGM asks suppliers to pick codes, and UN agencies tag tenders with them. We accept any 8-digit
 * code whose segment is listed here; the families are only there to make searching useful for what
 * the UN buys in the region (vehicles, aircraft, security, electronics, medical, food, fuel,
 * construction, IT). Their `keywords` are extra words people type ("thermal imaging", "тепловизор").
 *
 * The English segment names follow the UNSPSC code set; the Russian and Kazakh names are ours.
 */
export interface LocalizedTitle {
  en: string;
  ru: string;
  kk: string;
}

export interface UnspscSegment {
  code: string;
  title: LocalizedTitle;
}

export interface UnspscFamily {
  code: string;
  title: LocalizedTitle;
  keywords?: string;
}

const t = (en: string, ru: string, kk: string): LocalizedTitle => ({ en, ru, kk });

export const UNSPSC_SEGMENTS: readonly UnspscSegment[] = [
  { code: '10', title: t('Live Plant and Animal Material and Accessories and Supplies', 'Живые растения и животные, принадлежности и материалы', 'Тірі өсімдіктер мен жануарлар, керек-жарақтар мен материалдар') },
  { code: '11', title: t('Mineral and Textile and Inedible Plant and Animal Materials', 'Минеральные, текстильные и непищевые растительные и животные материалы', 'Минералдық, тоқыма және тағамға жатпайтын өсімдік пен жануар материалдары') },
  { code: '12', title: t('Chemicals including Bio Chemicals and Gas Materials', 'Химические вещества, включая биохимические и газы', 'Химиялық заттар, оның ішінде биохимиялық заттар мен газдар') },
  { code: '13', title: t('Resin and Rosin and Rubber and Foam and Film and Elastomeric Materials', 'Смолы, канифоль, резина, пенопласт, плёнки и эластомеры', 'Шайырлар, канифоль, резеңке, көбік, үлдір және эластомерлер') },
  { code: '14', title: t('Paper Materials and Products', 'Бумажные материалы и изделия', 'Қағаз материалдары мен бұйымдары') },
  { code: '15', title: t('Fuels and Fuel Additives and Lubricants and Anti corrosive Materials', 'Топливо, присадки к топливу, смазочные и антикоррозийные материалы', 'Отын, отын қоспалары, жағармай және коррозияға қарсы материалдар') },
  { code: '20', title: t('Mining and Well Drilling Machinery and Accessories', 'Горное и буровое оборудование и принадлежности', 'Тау-кен және бұрғылау жабдықтары мен керек-жарақтары') },
  { code: '21', title: t('Farming and Fishing and Forestry and Wildlife Machinery and Accessories', 'Сельскохозяйственная, рыболовная, лесная техника и принадлежности', 'Ауыл шаруашылығы, балық аулау және орман шаруашылығы техникасы') },
  { code: '22', title: t('Building and Construction Machinery and Accessories', 'Строительная техника и принадлежности', 'Құрылыс техникасы мен керек-жарақтары') },
  { code: '23', title: t('Industrial Manufacturing and Processing Machinery and Accessories', 'Промышленное производственное и перерабатывающее оборудование', 'Өнеркәсіптік өндіріс және қайта өңдеу жабдықтары') },
  { code: '24', title: t('Material Handling and Conditioning and Storage Machinery and their Accessories and Supplies', 'Погрузочное, складское и тарное оборудование и материалы', 'Жүк тиеу, қойма және ыдыс-тара жабдықтары мен материалдары') },
  { code: '25', title: t('Commercial and Military and Private Vehicles and their Accessories and Components', 'Коммерческие, военные и частные транспортные средства, их принадлежности и компоненты', 'Коммерциялық, әскери және жеке көлік құралдары, олардың керек-жарақтары мен бөлшектері') },
  { code: '26', title: t('Power Generation and Distribution Machinery and Accessories', 'Оборудование для производства и распределения электроэнергии', 'Электр энергиясын өндіру және тарату жабдықтары') },
  { code: '27', title: t('Tools and General Machinery', 'Инструменты и машины общего назначения', 'Құралдар және жалпы мақсаттағы машиналар') },
  { code: '30', title: t('Structures and Building and Construction and Manufacturing Components and Supplies', 'Конструкции, строительные и производственные компоненты и материалы', 'Конструкциялар, құрылыс және өндіріс бөлшектері мен материалдары') },
  { code: '31', title: t('Manufacturing Components and Supplies', 'Производственные комплектующие и материалы', 'Өндірістік жинақтаушы бөлшектер мен материалдар') },
  { code: '32', title: t('Electronic Components and Supplies', 'Электронные компоненты и материалы', 'Электрондық компоненттер мен материалдар') },
  { code: '39', title: t('Electrical Systems and Lighting and Components and Accessories and Supplies', 'Электрические системы, освещение, компоненты и принадлежности', 'Электр жүйелері, жарықтандыру, бөлшектер мен керек-жарақтар') },
  { code: '40', title: t('Distribution and Conditioning Systems and Equipment and Components', 'Системы распределения и кондиционирования (отопление, вентиляция, насосы, трубы)', 'Тарату және кондиционерлеу жүйелері (жылыту, желдету, сорғылар, құбырлар)') },
  { code: '41', title: t('Laboratory and Measuring and Observing and Testing Equipment', 'Лабораторное, измерительное, наблюдательное и испытательное оборудование', 'Зертханалық, өлшеу, бақылау және сынақ жабдықтары') },
  { code: '42', title: t('Medical Equipment and Accessories and Supplies', 'Медицинское оборудование, принадлежности и расходные материалы', 'Медициналық жабдықтар, керек-жарақтар мен шығын материалдары') },
  { code: '43', title: t('Information Technology Broadcasting and Telecommunications', 'Информационные технологии, вещание и телекоммуникации', 'Ақпараттық технологиялар, хабар тарату және телекоммуникациялар') },
  { code: '44', title: t('Office Equipment and Accessories and Supplies', 'Офисное оборудование, принадлежности и канцтовары', 'Кеңсе жабдықтары, керек-жарақтары мен кеңсе тауарлары') },
  { code: '45', title: t('Printing and Photographic and Audio and Visual Equipment and Supplies', 'Полиграфическое, фото-, аудио- и видеооборудование и материалы', 'Полиграфиялық, фото, аудио және бейне жабдықтары мен материалдары') },
  { code: '46', title: t('Defense and Law Enforcement and Security and Safety Equipment and Supplies', 'Оборонное, правоохранительное оборудование, средства безопасности и защиты', 'Қорғаныс, құқық қорғау, қауіпсіздік және қорғану жабдықтары мен құралдары') },
  { code: '47', title: t('Cleaning Equipment and Supplies', 'Уборочное оборудование и материалы', 'Тазалау жабдықтары мен материалдары') },
  { code: '48', title: t('Service Industry Machinery and Equipment and Supplies', 'Оборудование и материалы для сферы услуг (общепит, торговля)', 'Қызмет көрсету саласына арналған жабдықтар мен материалдар (тамақтандыру, сауда)') },
  { code: '49', title: t('Sports and Recreational Equipment and Supplies and Accessories', 'Спортивное и туристическое снаряжение и принадлежности', 'Спорт және демалыс жабдықтары мен керек-жарақтары') },
  { code: '50', title: t('Food Beverage and Tobacco Products', 'Продукты питания, напитки и табачные изделия', 'Азық-түлік, сусындар және темекі өнімдері') },
  { code: '51', title: t('Drugs and Pharmaceutical Products', 'Лекарства и фармацевтическая продукция', 'Дәрі-дәрмектер мен фармацевтикалық өнімдер') },
  { code: '52', title: t('Domestic Appliances and Supplies and Consumer Electronic Products', 'Бытовая техника, товары для дома и бытовая электроника', 'Тұрмыстық техника, үй тауарлары және тұрмыстық электроника') },
  { code: '53', title: t('Apparel and Luggage and Personal Care Products', 'Одежда, багаж и средства личной гигиены', 'Киім, жол жүгі және жеке гигиена құралдары') },
  { code: '54', title: t('Timepieces and Jewelry and Gemstone Products', 'Часы, ювелирные изделия и драгоценные камни', 'Сағаттар, зергерлік бұйымдар және асыл тастар') },
  { code: '55', title: t('Published Products', 'Печатная и издательская продукция', 'Баспа өнімдері') },
  { code: '56', title: t('Furniture and Furnishings', 'Мебель и предметы интерьера', 'Жиһаз және интерьер заттары') },
  { code: '60', title: t('Musical Instruments and Games and Toys and Arts and Crafts and Educational Equipment and Materials and Accessories and Supplies', 'Музыкальные инструменты, игры, игрушки, товары для творчества и учебное оборудование', 'Музыкалық аспаптар, ойындар, ойыншықтар, шығармашылық тауарлары және оқу жабдықтары') },
  { code: '64', title: t('Financial Instruments, Products, Contracts and Agreements', 'Финансовые инструменты, продукты, контракты и соглашения', 'Қаржы құралдары, өнімдері, келісімшарттар мен келісімдер') },
  { code: '70', title: t('Farming and Fishing and Forestry and Wildlife Contracting Services', 'Услуги в сельском, рыбном и лесном хозяйстве', 'Ауыл, балық және орман шаруашылығындағы қызметтер') },
  { code: '71', title: t('Mining and oil and gas services', 'Услуги в горнодобывающей, нефтяной и газовой отраслях', 'Тау-кен, мұнай және газ саласындағы қызметтер') },
  { code: '72', title: t('Building and Facility Construction and Maintenance Services', 'Строительство, ремонт и обслуживание зданий и объектов', 'Ғимараттар мен нысандарды салу, жөндеу және күтіп ұстау қызметтері') },
  { code: '73', title: t('Industrial Production and Manufacturing Services', 'Промышленные и производственные услуги', 'Өнеркәсіптік және өндірістік қызметтер') },
  { code: '76', title: t('Industrial Cleaning Services', 'Промышленная уборка и санитарная обработка', 'Өнеркәсіптік тазалау және санитарлық өңдеу қызметтері') },
  { code: '77', title: t('Environmental Services', 'Экологические услуги', 'Экологиялық қызметтер') },
  { code: '78', title: t('Transportation and Storage and Mail Services', 'Транспортные, складские и почтовые услуги', 'Көлік, қойма және пошта қызметтері') },
  { code: '80', title: t('Management and Business Professionals and Administrative Services', 'Управленческие, деловые и административные услуги', 'Басқару, іскерлік және әкімшілік қызметтер') },
  { code: '81', title: t('Engineering and Research and Technology Based Services', 'Инженерные, научно-исследовательские и технологические услуги', 'Инженерлік, ғылыми-зерттеу және технологиялық қызметтер') },
  { code: '82', title: t('Editorial and Design and Graphic and Fine Art Services', 'Редакционные, дизайнерские, графические и художественные услуги', 'Редакциялық, дизайн, графикалық және көркемөнер қызметтері') },
  { code: '83', title: t('Public Utilities and Public Sector Related Services', 'Коммунальные услуги и услуги государственного сектора', 'Коммуналдық қызметтер және мемлекеттік сектор қызметтері') },
  { code: '84', title: t('Financial and Insurance Services', 'Финансовые и страховые услуги', 'Қаржылық және сақтандыру қызметтері') },
  { code: '85', title: t('Healthcare Services', 'Медицинские услуги', 'Денсаулық сақтау қызметтері') },
  { code: '86', title: t('Education and Training Services', 'Образовательные услуги и обучение', 'Білім беру және оқыту қызметтері') },
  { code: '90', title: t('Travel and Food and Lodging and Entertainment Services', 'Услуги путешествий, питания, проживания и развлечений', 'Саяхат, тамақтандыру, тұру және ойын-сауық қызметтері') },
  { code: '91', title: t('Personal and Domestic Services', 'Персональные и бытовые услуги', 'Жеке және тұрмыстық қызметтер') },
  { code: '92', title: t('National Defense and Public Order and Security and Safety Services', 'Услуги в области обороны, общественного порядка и безопасности', 'Қорғаныс, қоғамдық тәртіп және қауіпсіздік қызметтері') },
  { code: '93', title: t('Politics and Civic Affairs Services', 'Услуги в сфере политики и общественных дел', 'Саясат және қоғамдық істер саласындағы қызметтер') },
  { code: '94', title: t('Organizations and Clubs', 'Организации и клубы', 'Ұйымдар мен клубтар') },
  { code: '95', title: t('Land and Buildings and Structures and Thoroughfares', 'Земля, здания, сооружения и дороги', 'Жер, ғимараттар, құрылыстар және жолдар') },
];

/** Families (4 digits) chosen for what UN missions and agencies in the region buy most. */
export const UNSPSC_FAMILIES: readonly UnspscFamily[] = [
  // Fuel
  { code: '1510', title: t('Fuels', 'Топливо (дизельное, бензин, авиатопливо)', 'Отын (дизель, бензин, авиаотын)'), keywords: 'diesel petrol gasoline jet fuel дизель бензин керосин жанармай' },
  { code: '1511', title: t('Gaseous fuels and additives', 'Газовое топливо и присадки', 'Газ отыны және қоспалар'), keywords: 'LPG propane пропан газ' },
  { code: '1512', title: t('Lubricants and oils and greases and anti corrosives', 'Смазочные материалы, масла, смазки', 'Жағармайлар, майлар'), keywords: 'oil масло май' },
  // Vehicles and aircraft
  { code: '2510', title: t('Motor vehicles', 'Автотранспортные средства', 'Автокөлік құралдары'), keywords: 'car truck bus 4x4 SUV armoured ambulance автомобиль грузовик автобус бронированный машина жүк көлігі' },
  { code: '2511', title: t('Marine transport', 'Водный транспорт', 'Су көлігі'), keywords: 'boat лодка катер қайық' },
  { code: '2512', title: t('Railway and tramway machinery and equipment', 'Железнодорожная техника и оборудование', 'Темір жол техникасы мен жабдықтары'), keywords: 'rail вагон' },
  { code: '2513', title: t('Aircraft', 'Воздушные суда (самолёты, вертолёты)', 'Әуе кемелері (ұшақтар, тікұшақтар)'), keywords: 'airplane helicopter drone UAV самолёт вертолёт дрон ұшақ тікұшақ' },
  { code: '2517', title: t('Transportation components and systems', 'Компоненты и системы транспортных средств', 'Көлік құралдарының бөлшектері мен жүйелері'), keywords: 'spare parts tyres tires запчасти шины қосалқы бөлшектер шиналар' },
  { code: '2518', title: t('Vehicle bodies and trailers', 'Кузова и прицепы', 'Шанақтар мен тіркемелер'), keywords: 'trailer прицеп тіркеме' },
  { code: '2520', title: t('Aerospace systems and components and equipment', 'Авиационные системы, компоненты и оборудование', 'Авиациялық жүйелер, бөлшектер мен жабдықтар'), keywords: 'aviation spare parts авиазапчасти' },
  // Power and electrical
  { code: '2611', title: t('Batteries and generators and kinetic power transmission', 'Аккумуляторы, генераторы и силовые передачи', 'Аккумуляторлар, генераторлар және күш берілістері'), keywords: 'generator battery генератор аккумулятор' },
  { code: '2612', title: t('Electrical wire and cable and harness', 'Электрические провода и кабели', 'Электр сымдары мен кабельдер'), keywords: 'cable кабель' },
  { code: '2613', title: t('Power generation', 'Производство электроэнергии (в т.ч. солнечные станции)', 'Электр энергиясын өндіру (күн станцияларын қоса)'), keywords: 'solar power plant солнечная панель күн панелі' },
  { code: '3912', title: t('Electrical equipment and components and supplies', 'Электрооборудование и комплектующие', 'Электр жабдықтары мен бөлшектері'), keywords: 'electrical электрика' },
  { code: '3911', title: t('Lighting Fixtures and Accessories', 'Осветительные приборы', 'Жарықтандыру құралдары'), keywords: 'lamp light светильник шам' },
  // Construction
  { code: '2210', title: t('Heavy construction machinery and equipment', 'Тяжёлая строительная техника', 'Ауыр құрылыс техникасы'), keywords: 'excavator bulldozer crane экскаватор бульдозер кран' },
  { code: '3010', title: t('Structural components and basic shapes', 'Строительные конструкции и металлопрокат', 'Құрылыс конструкциялары мен металл прокаты'), keywords: 'steel сталь металл болат' },
  { code: '3011', title: t('Concrete and cement and plaster', 'Бетон, цемент и штукатурка', 'Бетон, цемент және сылақ'), keywords: 'бетон цемент' },
  { code: '3013', title: t('Structural building products', 'Строительные материалы (кирпич, блоки, плиты)', 'Құрылыс материалдары (кірпіш, блоктар, плиталар)'), keywords: 'brick кирпич кірпіш' },
  { code: '3015', title: t('Exterior finishing materials', 'Материалы для наружной отделки и кровли', 'Сыртқы әрлеу және шатыр материалдары'), keywords: 'roofing кровля шатыр' },
  { code: '3016', title: t('Interior finishing materials', 'Материалы для внутренней отделки', 'Ішкі әрлеу материалдары') },
  { code: '3017', title: t('Doors and windows and glass', 'Двери, окна и стекло', 'Есіктер, терезелер және шыны') },
  { code: '3018', title: t('Plumbing fixtures', 'Сантехника', 'Сантехника') },
  { code: '3019', title: t('Construction and maintenance support equipment', 'Вспомогательное строительное оборудование (леса, лестницы)', 'Қосалқы құрылыс жабдықтары (ормандар, баспалдақтар)'), keywords: 'scaffold леса' },
  { code: '3020', title: t('Prefabricated structures', 'Сборные конструкции (модульные здания, контейнеры, палатки)', 'Жиналмалы құрылыстар (модульдік ғимараттар, контейнерлер, шатырлар)'), keywords: 'prefab container tent camp модульный контейнер палатка лагерь шатыр' },
  { code: '7211', title: t('Residential building construction services', 'Строительство жилых зданий', 'Тұрғын үй құрылысы') },
  { code: '7212', title: t('Nonresidential building construction services', 'Строительство нежилых зданий', 'Тұрғын емес ғимараттар құрылысы') },
  { code: '7214', title: t('Heavy construction services', 'Дорожное и инфраструктурное строительство', 'Жол және инфрақұрылым құрылысы'), keywords: 'road bridge дорога мост жол көпір' },
  { code: '7215', title: t('Specialized trade construction and maintenance services', 'Специализированные строительные и монтажные работы', 'Арнайы құрылыс-монтаж жұмыстары'), keywords: 'electrical installation HVAC монтаж' },
  { code: '7210', title: t('Building and facility maintenance and repair services', 'Обслуживание и ремонт зданий', 'Ғимараттарға қызмет көрсету және жөндеу') },
  // Heating, water
  { code: '4010', title: t('Heating and ventilation and air circulation', 'Отопление, вентиляция и кондиционирование', 'Жылыту, желдету және ауа баптау'), keywords: 'HVAC air conditioner heater кондиционер обогреватель' },
  { code: '4015', title: t('Industrial pumps and compressors', 'Промышленные насосы и компрессоры', 'Өнеркәсіптік сорғылар мен компрессорлар') },
  { code: '4016', title: t('Industrial filtering and purification', 'Промышленная фильтрация и очистка (в т.ч. воды)', 'Өнеркәсіптік сүзу және тазарту (суды қоса)'), keywords: 'water purification очистка воды суды тазарту' },
  { code: '4710', title: t('Water and wastewater treatment supply and disposal', 'Водоподготовка и очистка сточных вод', 'Су дайындау және ағынды суларды тазарту') },
  // Measuring, electronics, thermal imaging
  { code: '4111', title: t('Measuring and observing and testing instruments', 'Измерительные и наблюдательные приборы (в т.ч. тепловизоры, бинокли)', 'Өлшеу және бақылау аспаптары (жылу бейнелегіштер, дүрбілерді қоса)'), keywords: 'thermal imaging camera binoculars night vision тепловизор бинокль прибор ночного видения жылу бейнелегіш дүрбі' },
  { code: '4110', title: t('Laboratory and scientific equipment', 'Лабораторное и научное оборудование', 'Зертханалық және ғылыми жабдықтар') },
  { code: '3210', title: t('Printed circuits and integrated circuits and microassemblies', 'Печатные платы и микросхемы', 'Баспа платалары мен микросхемалар'), keywords: 'electronics электроника' },
  { code: '3212', title: t('Passive discrete components', 'Пассивные электронные компоненты', 'Пассивті электрондық компоненттер'), keywords: 'electronics электроника' },
  { code: '4511', title: t('Audio and visual presentation and composing equipment', 'Аудио- и видеооборудование для презентаций', 'Таныстырылымға арналған аудио және бейне жабдықтары'), keywords: 'projector screen проектор' },
  { code: '4512', title: t('Photographic or filming or video equipment', 'Фото- и видеооборудование', 'Фото және бейне жабдықтары'), keywords: 'camera камера' },
  { code: '5216', title: t('Consumer electronics', 'Бытовая электроника', 'Тұрмыстық электроника'), keywords: 'TV radio телевизор' },
  // IT and telecommunications
  { code: '4319', title: t('Communications devices and accessories', 'Средства связи (рации, телефоны, спутниковая связь)', 'Байланыс құралдары (рациялар, телефондар, спутниктік байланыс)'), keywords: 'radio satellite phone рация спутниковый телефон' },
  { code: '4320', title: t('Components for information technology or broadcasting or telecommunications', 'Компоненты для ИТ и телекоммуникаций', 'АТ және телекоммуникацияларға арналған бөлшектер') },
  { code: '4321', title: t('Computer Equipment and Accessories', 'Компьютерное оборудование и принадлежности', 'Компьютерлік жабдықтар мен керек-жарақтар'), keywords: 'computer laptop server printer компьютер ноутбук сервер компьютерлер' },
  { code: '4322', title: t('Data Voice or Multimedia Network Equipment or Platforms and Accessories', 'Сетевое оборудование', 'Желілік жабдықтар'), keywords: 'network router switch сеть маршрутизатор желі' },
  { code: '4323', title: t('Software', 'Программное обеспечение', 'Бағдарламалық қамтамасыз ету'), keywords: 'software программы бағдарлама' },
  { code: '8111', title: t('Computer services', 'Компьютерные и ИТ-услуги', 'Компьютерлік және АТ қызметтері'), keywords: 'IT services software development разработка әзірлеу' },
  { code: '8116', title: t('Information Technology Service Delivery', 'Предоставление ИТ-услуг (связь, хостинг)', 'АТ қызметтерін ұсыну (байланыс, хостинг)'), keywords: 'internet hosting интернет' },
  // Security and defence
  { code: '4610', title: t('Light weapons and ammunition', 'Лёгкое стрелковое оружие и боеприпасы', 'Атыс қаруы мен оқ-дәрілер') },
  { code: '4615', title: t('Law enforcement', 'Снаряжение для правоохранительных органов', 'Құқық қорғау органдарына арналған жабдықтар') },
  { code: '4616', title: t('Public safety and control', 'Общественная безопасность и контроль', 'Қоғамдық қауіпсіздік және бақылау'), keywords: 'barrier барьер' },
  { code: '4617', title: t('Security surveillance and detection', 'Охранное наблюдение и обнаружение (камеры, сканеры, тепловизоры)', 'Күзет бақылауы және анықтау (камералар, сканерлер, жылу бейнелегіштер)'), keywords: 'CCTV camera metal detector scanner access control thermal imaging видеонаблюдение металлодетектор тепловизор бейнебақылау' },
  { code: '4618', title: t('Personal safety and protection', 'Средства индивидуальной защиты (бронежилеты, каски)', 'Жеке қорғану құралдары (оқ өтпейтін кеудешелер, дулығалар)'), keywords: 'PPE body armour helmet бронежилет каска СИЗ' },
  { code: '4619', title: t('Fire protection', 'Противопожарная защита', 'Өрттен қорғау'), keywords: 'fire extinguisher огнетушитель өрт сөндіргіш' },
  { code: '9210', title: t('Public order and safety', 'Услуги по охране общественного порядка', 'Қоғамдық тәртіпті сақтау қызметтері') },
  { code: '9211', title: t('Military services and national defense', 'Военные услуги и национальная оборона', 'Әскери қызметтер және ұлттық қорғаныс'), keywords: 'demining разминирование мина' },
  { code: '9212', title: t('Security and personal safety', 'Охранные услуги', 'Күзет қызметтері'), keywords: 'guard охрана күзет' },
  // Medical and pharmaceutical
  { code: '4213', title: t('Medical apparel and textiles', 'Медицинская одежда и текстиль', 'Медициналық киім мен тоқыма') },
  { code: '4214', title: t('Patient care and treatment products and supplies', 'Изделия для ухода за пациентами и лечения', 'Науқастарды күтуге және емдеуге арналған бұйымдар') },
  { code: '4217', title: t('Emergency and field medical services products', 'Медицина катастроф и полевая медицина (аптечки, носилки)', 'Апат медицинасы және дала медицинасы (дәрі қобдишалары, замбилдер)'), keywords: 'first aid kit stretcher аптечка носилки' },
  { code: '4218', title: t('Patient exam and monitoring products', 'Диагностика и мониторинг пациентов', 'Науқастарды тексеру және бақылау'), keywords: 'thermometer термометр' },
  { code: '4219', title: t('Medical facility products', 'Оснащение медицинских учреждений (кровати, мебель)', 'Медициналық мекемелер жабдықтары (төсектер, жиһаз)') },
  { code: '4220', title: t('Medical diagnostic imaging and nuclear medicine products', 'Медицинская визуализация (рентген, УЗИ)', 'Медициналық бейнелеу (рентген, УДЗ)'), keywords: 'x-ray ultrasound рентген' },
  { code: '4229', title: t('Surgical products', 'Хирургические изделия', 'Хирургиялық бұйымдар') },
  { code: '4231', title: t('Wound care products', 'Перевязочные средства', 'Таңу құралдары'), keywords: 'bandage бинт' },
  { code: '8510', title: t('Comprehensive health services', 'Комплексные медицинские услуги', 'Кешенді медициналық қызметтер') },
  // Food
  { code: '5010', title: t('Nuts and seeds', 'Орехи и семена', 'Жаңғақтар мен тұқымдар') },
  { code: '5011', title: t('Meat and poultry products', 'Мясо и птица', 'Ет және құс еті'), keywords: 'meat мясо ет' },
  { code: '5013', title: t('Dairy products and eggs', 'Молочные продукты и яйца', 'Сүт өнімдері мен жұмыртқа'), keywords: 'milk молоко сүт' },
  { code: '5015', title: t('Edible oils and fats', 'Пищевые масла и жиры', 'Тағамдық майлар') },
  { code: '5016', title: t('Chocolate and sugars and sweeteners and confectionary products', 'Сахар и кондитерские изделия', 'Қант және кондитерлік өнімдер') },
  { code: '5018', title: t('Bread and bakery products', 'Хлеб и хлебобулочные изделия', 'Нан және нан-тоқаш өнімдері') },
  { code: '5019', title: t('Prepared and preserved foods', 'Готовые продукты и консервы (пайки)', 'Дайын тағам мен консервілер (азық үлесі)'), keywords: 'ration canned food паёк консервы азық' },
  { code: '5020', title: t('Beverages', 'Напитки (в т.ч. питьевая вода)', 'Сусындар (ауыз суды қоса)'), keywords: 'bottled water вода су' },
  { code: '5022', title: t('Cereal and pulse products', 'Крупы, мука и бобовые', 'Жармалар, ұн және бұршақ тұқымдастар'), keywords: 'flour wheat rice мука пшеница рис ұн бидай күріш' },
  { code: '5030', title: t('Fresh fruits', 'Свежие фрукты', 'Жаңа жемістер') },
  { code: '5040', title: t('Fresh vegetables', 'Свежие овощи', 'Жаңа көкөністер') },
  { code: '9010', title: t('Restaurants and catering', 'Рестораны и кейтеринг', 'Мейрамханалар және кейтеринг'), keywords: 'catering питание тамақтандыру' },
  // Logistics, offices, camps
  { code: '7810', title: t('Mail and cargo transport', 'Грузоперевозки и почта', 'Жүк тасымалы және пошта'), keywords: 'freight logistics логистика' },
  { code: '7811', title: t('Passenger transport', 'Пассажирские перевозки', 'Жолаушылар тасымалы') },
  { code: '7813', title: t('Storage', 'Складское хранение', 'Қоймада сақтау'), keywords: 'warehouse склад қойма' },
  { code: '7818', title: t('Transportation repair or maintenance services', 'Ремонт и обслуживание транспорта', 'Көлікті жөндеу және қызмет көрсету'), keywords: 'vehicle repair ремонт автомобилей' },
  { code: '2411', title: t('Containers and storage', 'Контейнеры и ёмкости', 'Контейнерлер мен сыйымдылықтар') },
  { code: '9011', title: t('Hotels and lodging and meeting facilities', 'Гостиницы, проживание и конференц-залы', 'Қонақүйлер, тұру және конференц-залдар') },
  { code: '5310', title: t('Clothing', 'Одежда (в т.ч. униформа)', 'Киім (униформаны қоса)'), keywords: 'uniform униформа форма' },
  { code: '5311', title: t('Footwear', 'Обувь', 'Аяқ киім'), keywords: 'boots ботинки' },
  { code: '5610', title: t('Accommodation furniture', 'Мебель для жилья (кровати, шкафы)', 'Тұрғын үй жиһазы (төсектер, шкафтар)') },
  { code: '5611', title: t('Commercial and industrial furniture', 'Офисная и коммерческая мебель', 'Кеңсе және коммерциялық жиһаз') },
  { code: '4410', title: t('Office machines and their supplies and accessories', 'Офисная техника и расходные материалы', 'Кеңсе техникасы мен шығын материалдары') },
  { code: '4412', title: t('Office supplies', 'Канцелярские товары', 'Кеңсе тауарлары') },
  { code: '4713', title: t('Cleaning and janitorial supplies', 'Моющие и уборочные средства', 'Жуу және тазалау құралдары') },
  { code: '8010', title: t('Management advisory services', 'Консалтинг в области управления', 'Басқару саласындағы консалтинг') },
  { code: '8610', title: t('Vocational training', 'Профессиональное обучение', 'Кәсіптік оқыту') },
];

const segmentByCode = new Map(UNSPSC_SEGMENTS.map((segment) => [segment.code, segment]));

export function findSegment(code: string): UnspscSegment | undefined {
  return segmentByCode.get(code.slice(0, 2));
}

/** A known 2-digit UNSPSC segment ("43"). */
export function isKnownUnspscSegment(value: unknown): value is string {
  return typeof value === 'string' && /^\d{2}$/.test(value) && segmentByCode.has(value);
}

/** An 8-digit UNSPSC commodity code whose segment (first two digits) is known. */
export function isKnownUnspscCode(value: unknown): value is string {
  return typeof value === 'string' && /^\d{8}$/.test(value) && segmentByCode.has(value.slice(0, 2));
}
